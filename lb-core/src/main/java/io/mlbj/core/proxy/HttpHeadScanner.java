package io.mlbj.core.proxy;

import static io.mlbj.core.proxy.HeadByteClasses.CLASSES;
import static io.mlbj.core.proxy.HeadByteClasses.TCHAR;
import static io.mlbj.core.proxy.HeadByteClasses.fieldValueByte;
import static io.mlbj.core.proxy.HeadByteClasses.isTchar;
import static io.mlbj.core.proxy.HeadByteClasses.targetRun;
import static io.mlbj.core.proxy.HeadByteClasses.valueRun;

/**
 * A strict, incremental check of one HTTP/1.x message head (start line and header fields) fed byte by
 * byte, before any parser interprets it: CRLF line endings only (no bare CR or LF), no obs-fold, no
 * whitespace before a colon, token header names, no control characters in values, {@code HTTP/1.0} or
 * {@code HTTP/1.1} only, and limits on the head size and the number of fields. It also counts the
 * framing fields ({@code Content-Length}, {@code Transfer-Encoding}) and {@code Host} so repeats are
 * caught before a parser merges them, and records where each field's colon and line end are (both in its
 * {@link HeadFieldIndex}). Pure logic; one instance per connection, {@link #reset()} between messages.
 */
public final class HttpHeadScanner {
    /** Which start line to expect. */
    public enum Kind {
        /** {@code method SP request-target SP HTTP-version}. */
        REQUEST,
        /** {@code HTTP-version SP 3DIGIT SP reason}. */
        RESPONSE
    }

    /** The outcome after the last byte fed. */
    public enum Verdict {
        /** The head is not complete yet. */
        NEED_MORE,
        /** The head ended with an empty line and is well formed. */
        COMPLETE,
        /** The head is malformed or over a limit; {@link #error()} says why. */
        INVALID,
        /** The start line names an HTTP version other than 1.0 and 1.1 (505 for a request). */
        UNSUPPORTED_VERSION
    }

    private enum State {
        BEFORE_START, BEFORE_START_CR,
        METHOD, TARGET, REQUEST_VERSION, START_CR,
        RESPONSE_VERSION, STATUS, STATUS_SP, REASON,
        LINE_START, NAME, VALUE, LINE_CR, END_CR, DONE
    }

    private static final int MAX_LEADING_EMPTY_LINES = 4;

    private final Kind kind;
    private final int maxHeadBytes;
    private final int maxFields;
    private State state;
    private Verdict verdict;
    private String error;
    private int bytes;
    private int fields;
    private int leadingEmptyLines;
    private int tokenLength;
    private final HttpVersionText version = new HttpVersionText();
    private int statusDigits;
    private final HeadFieldIndex index = new HeadFieldIndex();

    /** A scanner for {@code kind} heads of at most {@code maxHeadBytes} bytes and {@code maxFields} fields. */
    public HttpHeadScanner(Kind kind, int maxHeadBytes, int maxFields) {
        if (kind == null) {
            throw new NullPointerException("kind");
        }
        if (maxHeadBytes < 16) {
            throw new IllegalArgumentException("maxHeadBytes: " + maxHeadBytes + " (expected: >= 16)");
        }
        if (maxFields < 1) {
            throw new IllegalArgumentException("maxFields: " + maxFields + " (expected: >= 1)");
        }
        this.kind = kind;
        this.maxHeadBytes = maxHeadBytes;
        this.maxFields = maxFields;
        reset();
    }

    /** Forgets the previous head: ready for the next message. */
    public void reset() {
        state = State.BEFORE_START;
        verdict = Verdict.NEED_MORE;
        error = null;
        bytes = 0;
        fields = 0;
        leadingEmptyLines = 0;
        tokenLength = 0;
        version.reset();
        statusDigits = 0;
        index.reset();
    }

    /** The verdict so far. */
    public Verdict verdict() {
        return verdict;
    }

    /** Why the head was refused, or null. */
    public String error() {
        return error;
    }

    /** Bytes of the head consumed so far (including leading empty lines). */
    public int bytesScanned() {
        return bytes;
    }

    /** Header fields seen so far. */
    public int fieldCount() {
        return fields;
    }

    /** Offset from the head's first byte of the colon of field {@code k} (0-based) of a complete head. */
    public int fieldColon(int k) {
        return index.colon(k);
    }

    /** Offset from the head's first byte of the CR ending the line of field {@code k} of a complete head. */
    public int fieldLineEnd(int k) {
        return index.lineEnd(k);
    }

    /** How many {@code Content-Length} fields the head had. */
    public int contentLengthFields() {
        return index.count(HeadFieldIndex.CONTENT_LENGTH);
    }

    /** How many {@code Transfer-Encoding} fields the head had. */
    public int transferEncodingFields() {
        return index.count(HeadFieldIndex.TRANSFER_ENCODING);
    }

    /** How many {@code Host} fields the head had. */
    public int hostFields() {
        return index.count(HeadFieldIndex.HOST);
    }

    /**
     * Feeds the bytes of {@code head} from {@code from} to {@code to} (exclusive) until the verdict is known;
     * returns it. Same outcome as {@link #next(byte)} for each byte in turn: runs of ordinary bytes (method,
     * target, version, reason, header name and value characters) are skipped by table lookups, and only the
     * bytes that change the state go through {@link #next(byte)}.
     */
    public Verdict feed(byte[] head, int from, int to) {
        int i = from;
        while (i < to && verdict == Verdict.NEED_MORE) {
            int room = maxHeadBytes - bytes;
            int end = room < to - i ? i + room : to;
            int j = skipOrdinary(head, i, end);
            bytes += j - i;
            if (j == to) {
                break;
            }
            // A byte that changes the state, is refused, or is one past the size limit.
            next(head[j]);
            i = j + 1;
        }
        return verdict;
    }

    // Consumes, in the current state, the bytes that leave the state unchanged; returns the first other index.
    private int skipOrdinary(byte[] a, int i, int end) {
        switch (state) {
            case REASON -> i = valueRun(a, i, end);
            case TARGET -> {
                int start = i;
                i = targetRun(a, i, end);
                tokenLength += i - start;
            }
            case METHOD -> {
                int start = i;
                while (i < end && (CLASSES[a[i] & 0xff] & TCHAR) != 0) {
                    i++;
                }
                tokenLength += i - start;
            }
            case NAME, VALUE -> {
                return skipFields(a, i, end);
            }
            case REQUEST_VERSION -> i = version.appendRun(a, i, end, (byte) '\r');
            case RESPONSE_VERSION -> i = version.appendRun(a, i, end, (byte) ' ');
            default -> {
                // Every other state changes on its next byte: next() handles it.
            }
        }
        return i;
    }

    /**
     * Consumes one byte; returns true while more bytes are wanted (the verdict is {@link Verdict#NEED_MORE}),
     * false once the head is complete or refused. Shaped to serve as a byte-visiting callback.
     */
    public boolean next(byte value) {
        if (verdict != Verdict.NEED_MORE) {
            return false;
        }
        if (++bytes > maxHeadBytes) {
            return fail("head larger than " + maxHeadBytes + " bytes");
        }
        int b = value & 0xff;
        switch (state) {
            case BEFORE_START -> {
                if (b == '\r') {
                    state = State.BEFORE_START_CR;
                } else if (kind == Kind.REQUEST) {
                    state = State.METHOD;
                    return method(b);
                } else {
                    state = State.RESPONSE_VERSION;
                    return responseVersion(b);
                }
            }
            case BEFORE_START_CR -> {
                if (b != '\n') {
                    return fail("bare CR before the start line");
                }
                if (++leadingEmptyLines > MAX_LEADING_EMPTY_LINES) {
                    return fail("too many empty lines before the start line");
                }
                state = State.BEFORE_START;
            }
            case METHOD -> {
                return method(b);
            }
            case TARGET -> {
                if (b == ' ') {
                    if (tokenLength == 0) {
                        return fail("empty request target");
                    }
                    tokenLength = 0;
                    state = State.REQUEST_VERSION;
                } else if (b > 0x20 && b < 0x7f) {
                    tokenLength++;
                } else {
                    return fail(b == '\r' || b == '\n' ? "request line without an HTTP version (HTTP/0.9)"
                            : "invalid byte 0x" + Integer.toHexString(b) + " in the request target");
                }
            }
            case REQUEST_VERSION -> {
                if (b == '\r') {
                    if (!version.wellFormed()) {
                        return fail("malformed HTTP version");
                    }
                    state = State.START_CR;
                } else {
                    return versionChar(b);
                }
            }
            case RESPONSE_VERSION -> {
                return responseVersion(b);
            }
            case STATUS -> {
                if (b >= '0' && b <= '9' && statusDigits < 3) {
                    statusDigits++;
                } else if (statusDigits == 3 && b == ' ') {
                    state = State.REASON;
                } else if (statusDigits == 3 && b == '\r') {
                    state = State.START_CR;
                } else {
                    return fail("malformed status code");
                }
            }
            case REASON -> {
                if (b == '\r') {
                    state = State.START_CR;
                } else if (!fieldValueByte(b)) {
                    return fail("invalid byte 0x" + Integer.toHexString(b) + " in the reason phrase");
                }
            }
            case START_CR -> {
                if (b != '\n') {
                    return fail("bare CR in the start line");
                }
                if (!version.supported()) {
                    verdict = Verdict.UNSUPPORTED_VERSION;
                    error = "HTTP version " + version + " not supported";
                    state = State.DONE;
                    return false;
                }
                state = State.LINE_START;
            }
            case LINE_START -> {
                if (b == '\r') {
                    state = State.END_CR;
                } else if (b == ' ' || b == '\t') {
                    return fail(fields == 0 ? "whitespace before the first header field" : "obs-fold (folded header line)");
                } else if (isTchar(b)) {
                    if (++fields > maxFields) {
                        return fail("more than " + maxFields + " header fields");
                    }
                    tokenLength = 0;
                    index.nameStarted();
                    state = State.NAME;
                    return name(b);
                } else {
                    return fail(b == '\n' ? "bare LF in the header block" : b == ':' ? "empty header name"
                            : "invalid byte 0x" + Integer.toHexString(b) + " in a header name");
                }
            }
            case NAME -> {
                return name(b);
            }
            case VALUE -> {
                if (b == '\r') {
                    index.lineEnded(fields - 1, bytes - 1);
                    state = State.LINE_CR;
                } else if (!fieldValueByte(b)) {
                    return fail(b == '\n' ? "bare LF in a header value"
                            : "invalid byte 0x" + Integer.toHexString(b) + " in a header value");
                }
            }
            case LINE_CR -> {
                if (b != '\n') {
                    return fail("bare CR in a header field");
                }
                state = State.LINE_START;
            }
            case END_CR -> {
                if (b != '\n') {
                    return fail("bare CR at the end of the head");
                }
                state = State.DONE;
                verdict = Verdict.COMPLETE;
                return false;
            }
            case DONE -> {
                return false;
            }
            default -> throw new IllegalStateException(state.toString());
        }
        return true;
    }

    private boolean method(int b) {
        if (isTchar(b)) {
            tokenLength++;
            return true;
        }
        if (b == ' ' && tokenLength > 0) {
            tokenLength = 0;
            state = State.TARGET;
            return true;
        }
        return fail(b == ' ' ? "empty method" : "invalid byte 0x" + Integer.toHexString(b) + " in the method");
    }

    private boolean responseVersion(int b) {
        if (b == ' ') {
            if (!version.wellFormed()) {
                return fail("malformed HTTP version");
            }
            state = State.STATUS;
            return true;
        }
        return versionChar(b);
    }

    private boolean versionChar(int b) {
        return version.append(b) || fail("malformed HTTP version");
    }

    private boolean name(int b) {
        if (isTchar(b)) {
            index.nameByte(tokenLength++, b);
            return true;
        }
        if (b == ':') {
            nameEnded(bytes - 1);
            return true;
        }
        return fail(b == ' ' || b == '\t' ? "whitespace before the colon of a header field"
                : b == '\r' || b == '\n' ? "header line without a colon"
                : "invalid byte 0x" + Integer.toHexString(b) + " in a header name");
    }

    // Header lines one after another: name bytes, the colon, value bytes, CRLF and the first byte of the next
    // name, with the same effects as next() for each; stops at any other byte (next() then decides).
    private int skipFields(byte[] a, int i, int end) {
        int offset = bytes - i; // bytes counts up to index i
        while (true) {
            if (state == State.NAME) {
                // The first bytes rule out the counted names for most fields; the rest of the name is only checked.
                while (i < end && index.matching() && (CLASSES[a[i] & 0xff] & TCHAR) != 0) {
                    index.nameByte(tokenLength++, a[i++] & 0xff);
                }
                int start = i;
                while (i < end && (CLASSES[a[i] & 0xff] & TCHAR) != 0) {
                    i++;
                }
                tokenLength += i - start;
                if (i == end || a[i] != ':') {
                    return i;
                }
                nameEnded(offset + i);
                i++;
            }
            i = valueRun(a, i, end);
            if (i + 2 >= end || a[i] != '\r' || a[i + 1] != '\n' || (CLASSES[a[i + 2] & 0xff] & TCHAR) == 0
                    || fields >= maxFields) {
                return i;
            }
            index.lineEnded(fields - 1, offset + i);
            fields++;
            tokenLength = 0;
            index.nameStarted();
            state = State.NAME;
            i += 2;
        }
    }

    // The colon after a header name, at offset `at`.
    private void nameEnded(int at) {
        index.nameEnded(fields - 1, at, tokenLength);
        state = State.VALUE;
    }

    private boolean fail(String why) {
        verdict = Verdict.INVALID;
        error = why;
        state = State.DONE;
        return false;
    }
}
