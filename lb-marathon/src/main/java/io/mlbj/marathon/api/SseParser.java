package io.mlbj.marathon.api;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * An incremental parser of the WHATWG {@code text/event-stream} format, fed decoded characters in
 * chunks of any size; it keeps no I/O and never throws on any input.
 *
 * <p>One instance parses one stream; the leading byte-order mark is skipped, lines end at CR, LF
 * or CRLF (also when a CRLF is split between two chunks), and an event is dispatched on a blank
 * line unless its data buffer is empty. An unterminated event at the end of the stream is never
 * dispatched, as the specification says.
 */
public final class SseParser {
    /** The default bound of one event (its data plus the line being read): 16 Mi characters. */
    public static final int DEFAULT_MAX_EVENT_CHARS = 16 << 20;
    private static final char BOM = '\uFEFF';

    private final int maxEventChars;
    private boolean overflowed;

    private final StringBuilder line = new StringBuilder();
    private final StringBuilder data = new StringBuilder();
    private String eventType = "";
    private String lastEventId = "";
    private long retryMillis = -1;
    private boolean atStreamStart = true;
    private boolean afterCarriageReturn;

    /** A parser bounding each event to {@link #DEFAULT_MAX_EVENT_CHARS}. */
    public SseParser() {
        this(DEFAULT_MAX_EVENT_CHARS);
    }

    /** A parser that stops at an event (data plus the line being read) longer than {@code maxEventChars}. */
    public SseParser(int maxEventChars) {
        if (maxEventChars < 1) {
            throw new IllegalArgumentException("maxEventChars: " + maxEventChars + " (expected: >= 1)");
        }
        this.maxEventChars = maxEventChars;
    }

    /**
     * Whether an event grew past the bound: the stream is then unusable (an endless line or event from a
     * broken or hostile server) and {@link #feed} returns nothing more; the caller reconnects.
     */
    public boolean overflowed() {
        return overflowed;
    }

    /** Feeds the next chunk of the stream and returns the events it completes, in order. */
    public List<SseEvent> feed(CharSequence chunk) {
        List<SseEvent> events = new ArrayList<>(0);
        for (int i = 0; i < chunk.length() && !overflowed; i++) {
            char c = chunk.charAt(i);
            if (atStreamStart) {
                atStreamStart = false;
                if (c == BOM) {
                    continue;
                }
            }
            if (afterCarriageReturn) {
                afterCarriageReturn = false;
                if (c == '\n') {
                    // the LF of a CRLF whose CR already ended the line
                    continue;
                }
            }
            if (c == '\r') {
                afterCarriageReturn = true;
                endOfLine(events);
            } else if (c == '\n') {
                endOfLine(events);
            } else if (line.length() + data.length() >= maxEventChars) {
                overflowed = true;
                line.setLength(0);
                data.setLength(0);
            } else {
                line.append(c);
            }
        }
        return events;
    }

    /** The last {@code id:} value seen (the value a reconnect would send as {@code Last-Event-ID}). */
    public String lastEventId() {
        return lastEventId;
    }

    /** The last valid {@code retry:} value in milliseconds, if the server sent one. */
    public OptionalLong retryMillis() {
        return retryMillis < 0 ? OptionalLong.empty() : OptionalLong.of(retryMillis);
    }

    private void endOfLine(List<SseEvent> events) {
        if (line.length() == 0) {
            dispatch(events);
            return;
        }
        if (line.charAt(0) == ':') {
            line.setLength(0);
            return;
        }
        int colon = indexOfColon();
        String field;
        String value;
        if (colon < 0) {
            field = line.toString();
            value = "";
        } else {
            field = line.substring(0, colon);
            int valueStart = colon + 1;
            if (valueStart < line.length() && line.charAt(valueStart) == ' ') {
                valueStart++;
            }
            value = line.substring(valueStart);
        }
        line.setLength(0);
        processField(field, value);
    }

    private int indexOfColon() {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == ':') {
                return i;
            }
        }
        return -1;
    }

    private void processField(String field, String value) {
        switch (field) {
            case "event":
                eventType = value;
                break;
            case "data":
                if (data.length() + value.length() + 1 > maxEventChars) {
                    overflowed = true;
                    data.setLength(0);
                } else {
                    data.append(value).append('\n');
                }
                break;
            case "id":
                if (value.indexOf('\0') < 0) {
                    lastEventId = value;
                }
                break;
            case "retry":
                if (!value.isEmpty() && value.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                    retryMillis = parseRetry(value);
                }
                break;
            default:
                // unknown fields are ignored
                break;
        }
    }

    private static long parseRetry(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    private void dispatch(List<SseEvent> events) {
        if (data.length() == 0) {
            eventType = "";
            return;
        }
        data.setLength(data.length() - 1);
        events.add(new SseEvent(eventType.isEmpty() ? "message" : eventType, data.toString(), lastEventId));
        data.setLength(0);
        eventType = "";
    }
}
