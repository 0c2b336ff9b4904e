package io.mlbj.core.sticky;

/**
 * The dates HAProxy appends to an inserted cookie under {@code maxidle}/{@code maxlife}:
 * {@code |<5 chars>} per date, the Unix time in 4-second units as 30 bits of base64 ({@code s30tob64}).
 */
final class CookieDates {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    static final int LENGTH = 5;

    private CookieDates() {
    }

    /** Appends the 5 characters of a date given in seconds (HAProxy rounds up to the next 4 s unit). */
    static void appendRoundedUp(StringBuilder out, long epochSeconds) {
        append(out, (int) ((epochSeconds + 3) >> 2));
    }

    /** Appends the 5 characters of a date already in 4-second units. */
    static void append(StringBuilder out, int units) {
        for (int i = 0; i < LENGTH; i++) {
            out.append(ALPHABET.charAt((units >> 24) & 0x3f));
            units <<= 6;
        }
    }

    /** The date in seconds encoded at {@code text[from, from + 5)}, or 0 when it is not a valid date. */
    static long decode(CharSequence text, int from, int to) {
        if (to - from != LENGTH) {
            return 0;
        }
        int units = 0;
        for (int i = from; i < to; i++) {
            int digit = digit(text.charAt(i));
            if (digit < 0) {
                return 0;
            }
            units = (units << 6) | digit;
        }
        return (long) units << 2;
    }

    private static int digit(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '+' ? 62 : c == '/' ? 63 : -1;
    }
}
