package io.mlbj.core.sticky;

import io.mlbj.core.routing.Server;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a request's persistence cookie decided: the server it is bound to (or null: balance it), the
 * {@link CookieState}, and the Cookie header values to forward. Built by {@link StickyCookieCodec#decide};
 * pass it back to {@link StickyCookieCodec#rewriteResponse} for the same request's response.
 * Unchanged headers are not copied: {@link #forwardedHeader(int)} returns the original value.
 */
public final class StickyRequestDecision {
    /** No persistence cookie and nothing to change: shared, allocation-free. */
    static final StickyRequestDecision NO_COOKIE = new StickyRequestDecision(List.of());

    private final List<String> original;
    private Server server;
    private CookieState state = CookieState.NONE;
    private long lastSeen;
    private long firstSeen;
    // At most one edited header is the common case; several spill into an array.
    private int editedIndex = -1;
    private CharSequence editedValue;
    private CharSequence[] forwarded;
    // Cuts of the header being scanned, merged when they touch. The first is always in cutFrom/cutTo;
    // with several, all of them (the first copied too) are in moreCuts.
    private int cutCount;
    private int cutFrom;
    private int cutTo;
    private int[] moreCuts;

    StickyRequestDecision(List<String> original) {
        this.original = original;
    }

    /** The server the cookie binds the request to, or null when the request is to be balanced. */
    public Server server() {
        return server;
    }

    /** What the cookie said. */
    public CookieState state() {
        return state;
    }

    /** Whether the Cookie headers to forward differ from the request's. */
    public boolean cookieHeadersChanged() {
        return editedIndex >= 0 || forwarded != null;
    }

    /**
     * The value to forward in place of the request's Cookie header number {@code index}, or null when
     * that header is to be removed (it held nothing but the persistence cookie); only when
     * {@link #cookieHeadersChanged()}, otherwise the request's headers are forwarded as they are.
     */
    public CharSequence forwardedHeader(int index) {
        requireChanged();
        if (forwarded != null) {
            return forwarded[index];
        }
        return index == editedIndex ? editedValue : original.get(index);
    }

    /** The Cookie header values to forward, in order, without removed headers (a new list); only when changed. */
    public List<String> forwardedHeaders() {
        requireChanged();
        List<String> out = new ArrayList<>(original.size());
        for (int i = 0; i < original.size(); i++) {
            CharSequence value = forwardedHeader(i);
            if (value != null) {
                out.add(value.toString());
            }
        }
        return out;
    }

    private void requireChanged() {
        if (!cookieHeadersChanged()) {
            throw new IllegalStateException("cookie headers unchanged (expected: forward the request's own)");
        }
    }

    long lastSeen() {
        return lastSeen;
    }

    long firstSeen() {
        return firstSeen;
    }

    /** Records what one persistence cookie said; the first one that binds a server wins. */
    void observe(CookieState cookieState, Server bound, long last, long first) {
        if (state == CookieState.VALID) {
            return;
        }
        state = cookieState;
        server = bound;
        lastSeen = last;
        firstSeen = first;
    }

    /** Cuts {@code [from, to)} out of the header being scanned, joining the cuts it touches or overlaps. */
    void cut(int from, int to) {
        if (from >= to) {
            return;
        }
        while (cutCount > 0 && from <= cutTo(cutCount - 1) && to >= cutFrom(cutCount - 1)) {
            from = Math.min(from, cutFrom(cutCount - 1));
            to = Math.max(to, cutTo(cutCount - 1));
            cutCount--;
        }
        if (cutCount == 0) {
            cutFrom = from;
            cutTo = to;
        } else {
            if (moreCuts == null) {
                moreCuts = new int[8];
            } else if (moreCuts.length < 2 * cutCount + 2) {
                moreCuts = Arrays.copyOf(moreCuts, moreCuts.length * 2);
            }
            if (cutCount == 1) {
                moreCuts[0] = cutFrom;
                moreCuts[1] = cutTo;
            }
            moreCuts[2 * cutCount] = from;
            moreCuts[2 * cutCount + 1] = to;
        }
        cutCount++;
    }

    private int cutFrom(int i) {
        return i == 0 ? cutFrom : moreCuts[2 * i];
    }

    private int cutTo(int i) {
        return i == 0 ? cutTo : moreCuts[2 * i + 1];
    }

    /** Applies the cuts recorded for header {@code index} and readies for the next header. */
    void endHeader(int index, String header) {
        if (cutCount == 0) {
            return;
        }
        CharSequence value;
        if (cutCount == 1) {
            value = onlySeparators(header, 0, cutFrom) && onlySeparators(header, cutTo, header.length())
                    ? null : new SplicedText(header, cutFrom, cutTo);
        } else {
            StringBuilder out = new StringBuilder(header.length());
            int at = 0;
            for (int i = 0; i < cutCount; i++) {
                out.append(header, at, moreCuts[2 * i]);
                at = moreCuts[2 * i + 1];
            }
            out.append(header, at, header.length());
            value = onlySeparators(out, 0, out.length()) ? null : out.toString();
        }
        cutCount = 0;
        setForwarded(index, value);
    }

    private void setForwarded(int index, CharSequence value) {
        if (forwarded == null && editedIndex < 0) {
            editedIndex = index;
            editedValue = value;
            return;
        }
        if (forwarded == null) {
            forwarded = original.toArray(new CharSequence[0]);
            forwarded[editedIndex] = editedValue;
        }
        forwarded[index] = value;
    }

    private static boolean onlySeparators(CharSequence s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != ';' && c != ',') {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "StickyRequestDecision[" + state + ", server=" + (server == null ? null : server.name())
                + ", changed=" + cookieHeadersChanged() + "]";
    }
}
