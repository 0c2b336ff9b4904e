package io.mlbj.core.proxy;

/** The byte classes of an HTTP/1.1 head (RFC 9110, 9112) as one table, for {@link HttpHeadScanner}'s scans. */
final class HeadByteClasses {
    /** tchar: a byte of a method or header name. */
    static final int TCHAR = 1;
    /** A field-value byte: HTAB, SP, VCHAR and obs-text. */
    static final int VALUE_BYTE = 2;
    /** A request-target byte: VCHAR. */
    static final int TARGET_BYTE = 4;
    /** The classes of each byte value, as bit flags. */
    static final byte[] CLASSES = byteClasses();

    private HeadByteClasses() {}

    /** RFC 9110 field-value bytes: HTAB, SP, VCHAR and obs-text. */
    static boolean fieldValueByte(int b) {
        return b == '\t' || (b >= 0x20 && b != 0x7f);
    }

    /** RFC 9110 tchar. */
    static boolean isTchar(int b) {
        return (CLASSES[b & 0xff] & TCHAR) != 0;
    }

    private static byte[] byteClasses() {
        byte[] classes = new byte[256];
        for (int b = 0; b < 256; b++) {
            int c = 0;
            if (b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || "!#$%&'*+-.^_`|~".indexOf(b) >= 0) {
                c |= TCHAR;
            }
            if (fieldValueByte(b)) {
                c |= VALUE_BYTE;
            }
            if (b > 0x20 && b < 0x7f) {
                c |= TARGET_BYTE;
            }
            classes[b] = (byte) c;
        }
        return classes;
    }
}
