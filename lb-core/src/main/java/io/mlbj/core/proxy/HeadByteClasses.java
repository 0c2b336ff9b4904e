package io.mlbj.core.proxy;

/**
 * The byte classes of an HTTP/1.1 head (RFC 9110, 9112) as one table, for {@link HttpHeadScanner}'s scans,
 * and the ASCII case folding header names are compared with (Netty's: letters fold, nothing else does).
 */
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

    /** {@code b} with an ASCII capital letter made lower case; any other byte as it is. */
    static int lowerAscii(int b) {
        return b >= 'A' && b <= 'Z' ? b + 32 : b;
    }

    /**
     * Whether {@code length} bytes of {@code a} from {@code aFrom} match those of {@code b} from {@code bFrom},
     * but for ASCII case.
     */
    static boolean equalsIgnoreCase(byte[] a, int aFrom, byte[] b, int bFrom, int length) {
        for (int k = 0; k < length; k++) {
            byte x = a[aFrom + k];
            byte y = b[bFrom + k];
            if (x != y && lowerAscii(x) != lowerAscii(y)) {
                return false;
            }
        }
        return true;
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
