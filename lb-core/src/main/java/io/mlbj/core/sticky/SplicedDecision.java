package io.mlbj.core.sticky;

import io.mlbj.core.routing.Server;
import java.util.List;

/**
 * The usual edited decision: one Cookie header with one range cut out (a stripped prefix, a removed
 * cookie). So that such a request costs one object, the decision is itself the forwarded header value,
 * read in place from the original; as a {@link CharSequence} (including {@link #toString()}) it is that
 * header value, which is all {@link #forwardedHeader} exposes of it.
 */
final class SplicedDecision extends StickyRequestDecision implements CharSequence {
    private final List<String> original;
    private final int editedIndex;
    private final String header;
    private final int cutFrom;
    private final int cutLength;
    private final boolean removed;

    /**
     * @param removed the cut leaves only separators: the header is removed
     */
    SplicedDecision(Server server, CookieState state, long lastSeen, long firstSeen, List<String> original,
            int editedIndex, int cutFrom, int cutTo, boolean removed) {
        super(server, state, lastSeen, firstSeen, null);
        this.original = original;
        this.editedIndex = editedIndex;
        this.header = original.get(editedIndex);
        this.cutFrom = cutFrom;
        this.cutLength = cutTo - cutFrom;
        this.removed = removed;
    }

    @Override
    public boolean cookieHeadersChanged() {
        return true;
    }

    @Override
    public CharSequence forwardedHeader(int index) {
        if (index != editedIndex) {
            return original.get(index);
        }
        return removed ? null : this;
    }

    @Override
    public int headerCount() {
        return original.size();
    }

    @Override
    public int length() {
        return header.length() - cutLength;
    }

    @Override
    public char charAt(int index) {
        return header.charAt(index < cutFrom ? index : index + cutLength);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return toString().substring(start, end);
    }

    /** The forwarded header value (the CharSequence contract); {@link #describe()} describes the decision. */
    @Override
    public String toString() {
        return new StringBuilder(length()).append(header, 0, cutFrom)
                .append(header, cutFrom + cutLength, header.length()).toString();
    }
}
