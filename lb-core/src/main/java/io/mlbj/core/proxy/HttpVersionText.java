package io.mlbj.core.proxy;

/**
 * The HTTP-version token of a start line as {@link HttpHeadScanner} reads it: at most eight bytes (a longer
 * token cannot be {@code HTTP/d.d}), checked once it ends. Owned by its scanner.
 */
final class HttpVersionText {
    private final char[] chars = new char[8];
    private int length;

    void reset() {
        length = 0;
    }

    /** Appends {@code b}; false when the token already has eight bytes. */
    boolean append(int b) {
        if (length >= chars.length) {
            return false;
        }
        chars[length++] = (char) b;
        return true;
    }

    /**
     * What {@link #append} does for each byte of {@code a} from {@code i}, up to {@code stop}, {@code end} or
     * one byte too many; returns the index of the first byte not taken.
     */
    int appendRun(byte[] a, int i, int end, byte stop) {
        char[] v = chars;
        int n = length;
        while (i < end && n < v.length && a[i] != stop) {
            v[n++] = (char) (a[i++] & 0xff);
        }
        length = n;
        return i;
    }

    /** Whether the token is {@code HTTP/d.d}. */
    boolean wellFormed() {
        char[] v = chars;
        return length == 8 && v[0] == 'H' && v[1] == 'T' && v[2] == 'T' && v[3] == 'P' && v[4] == '/'
                && isDigit(v[5]) && v[6] == '.' && isDigit(v[7]);
    }

    /** Whether a well-formed token names HTTP/1.0 or HTTP/1.1. */
    boolean supported() {
        return chars[5] == '1' && (chars[7] == '0' || chars[7] == '1');
    }

    @Override
    public String toString() {
        return new String(chars, 0, length);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
