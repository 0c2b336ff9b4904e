package io.mlbj.core.sticky;

import io.mlbj.core.routing.Server;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The working state of one {@link StickyCookieCodec#decide} call: what the cookies said and the ranges to
 * cut out of each header. One per thread, reused, so scanning allocates nothing; only the resulting
 * {@link StickyRequestDecision} is new, and only when it cannot be a shared one.
 */
final class CookieScan {
    private static final ThreadLocal<CookieScan> PER_THREAD = ThreadLocal.withInitial(CookieScan::new);

    private boolean found;
    private Server server;
    private CookieState state;
    private long lastSeen;
    private long firstSeen;
    // Cuts of the header being scanned as [from, to) pairs, in order, merged when they touch.
    private int[] cuts = new int[8];
    private int cutCount;
    // The first edited header, kept as a cut while it is the only edit.
    private int editedIndex;
    private int editFrom;
    private int editTo;
    private CharSequence editValue;
    private boolean editRemoved;
    private int edits;
    private CharSequence[] forwarded;

    private CookieScan() {
    }

    /** This thread's scan, reset. */
    static CookieScan start() {
        CookieScan scan = PER_THREAD.get();
        scan.found = false;
        scan.server = null;
        scan.state = CookieState.NONE;
        scan.lastSeen = 0;
        scan.firstSeen = 0;
        scan.cutCount = 0;
        scan.edits = 0;
        scan.editValue = null;
        scan.forwarded = null;
        return scan;
    }

    CookieState state() {
        return state;
    }

    /** Records what one persistence cookie said; the first one that binds a server wins. */
    void observe(CookieState cookieState, Server bound, long last, long first) {
        found = true;
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
        found = true;
        if (from >= to) {
            return;
        }
        while (cutCount > 0 && from <= cuts[2 * cutCount - 1] && to >= cuts[2 * cutCount - 2]) {
            from = Math.min(from, cuts[2 * cutCount - 2]);
            to = Math.max(to, cuts[2 * cutCount - 1]);
            cutCount--;
        }
        if (cuts.length < 2 * cutCount + 2) {
            cuts = Arrays.copyOf(cuts, cuts.length * 2);
        }
        cuts[2 * cutCount] = from;
        cuts[2 * cutCount + 1] = to;
        cutCount++;
    }

    /** Settles the cuts of header {@code index}. */
    void endHeader(List<String> headers, int index) {
        if (cutCount == 0) {
            return;
        }
        String header = headers.get(index);
        if (edits == 0 && cutCount == 1) {
            editedIndex = index;
            editFrom = cuts[0];
            editTo = cuts[1];
            editRemoved = onlySeparators(header, 0, editFrom) && onlySeparators(header, editTo, header.length());
        } else {
            CharSequence value = applyCuts(header);
            if (edits == 0) {
                editedIndex = index;
                editValue = value;
            } else {
                if (forwarded == null) {
                    forwarded = headers.toArray(new CharSequence[0]);
                    forwarded[editedIndex] = firstEditValue(headers);
                }
                forwarded[index] = value;
            }
        }
        edits++;
        cutCount = 0;
    }

    /**
     * The decision: a shared one when nothing is edited and no dates were read, one object for a single
     * cut, more only for rarer shapes.
     */
    StickyRequestDecision decision(List<String> headers, Map<Server, StickyRequestDecision> sharedValid) {
        if (!found) {
            return StickyRequestDecision.NO_COOKIE;
        }
        if (edits == 0) {
            if (lastSeen == 0 && firstSeen == 0) {
                StickyRequestDecision shared = server == null ? SharedDecisions.of(state) : sharedValid.get(server);
                if (shared != null) {
                    return shared;
                }
            }
            return new StickyRequestDecision(server, state, lastSeen, firstSeen, null);
        }
        if (edits == 1 && editValue == null) {
            return new SplicedDecision(server, state, lastSeen, firstSeen, headers, editedIndex, editFrom, editTo,
                    editRemoved);
        }
        CharSequence[] values = forwarded;
        if (values == null) {
            values = headers.toArray(new CharSequence[0]);
            values[editedIndex] = editValue;
        }
        return new StickyRequestDecision(server, state, lastSeen, firstSeen, values);
    }

    private CharSequence firstEditValue(List<String> headers) {
        if (editValue != null) {
            return editValue;
        }
        return editRemoved ? null : new SplicedText(headers.get(editedIndex), editFrom, editTo);
    }

    private CharSequence applyCuts(String header) {
        StringBuilder out = new StringBuilder(header.length());
        int at = 0;
        for (int i = 0; i < cutCount; i++) {
            out.append(header, at, cuts[2 * i]);
            at = cuts[2 * i + 1];
        }
        out.append(header, at, header.length());
        return onlySeparators(out, 0, out.length()) ? null : out.toString();
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

    /** Decisions without a server, an edit or dates: one per state. */
    private static final class SharedDecisions {
        private static final StickyRequestDecision[] BY_STATE = new StickyRequestDecision[CookieState.values().length];

        static {
            for (CookieState s : CookieState.values()) {
                BY_STATE[s.ordinal()] = s == CookieState.NONE ? StickyRequestDecision.NO_COOKIE
                        : new StickyRequestDecision(null, s, 0, 0, null);
            }
        }

        static StickyRequestDecision of(CookieState state) {
            return BY_STATE[state.ordinal()];
        }
    }
}
