package io.mlbj.core.sticky;

/**
 * A header value with one range cut out, read in place from the original: forwarding a Cookie header
 * without its server prefix (or without the persistence cookie) costs this one small object.
 */
final class SplicedText implements CharSequence {
    private final String original;
    private final int cutFrom;
    private final int cutLength;

    SplicedText(String original, int cutFrom, int cutTo) {
        this.original = original;
        this.cutFrom = cutFrom;
        this.cutLength = cutTo - cutFrom;
    }

    @Override
    public int length() {
        return original.length() - cutLength;
    }

    @Override
    public char charAt(int index) {
        return original.charAt(index < cutFrom ? index : index + cutLength);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return toString().substring(start, end);
    }

    @Override
    public String toString() {
        return new StringBuilder(length()).append(original, 0, cutFrom)
                .append(original, cutFrom + cutLength, original.length()).toString();
    }
}
