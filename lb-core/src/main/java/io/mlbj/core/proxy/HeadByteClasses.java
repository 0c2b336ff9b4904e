package io.mlbj.core.proxy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

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

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long DELS = 0x7F7F7F7F7F7F7F7FL;

    private HeadByteClasses() {}

    /**
     * The index of the first byte from {@code i} (before {@code end}) that is not a field-value byte, or
     * {@code end}. Values are most of a head's bytes, so they are checked eight at a time: a word with no
     * byte below 0x20 and no DEL is all value bytes; the word with one (the CR ending the line, or an HTAB,
     * which the table then lets through) is finished byte by byte.
     */
    static int valueRun(byte[] a, int i, int end) {
        return run(a, i, end, 0x20, 0, VALUE_BYTE);
    }

    /** As {@link #valueRun} for request-target bytes (VCHAR: 0x21 to 0x7E). */
    static int targetRun(byte[] a, int i, int end) {
        return run(a, i, end, 0x21, HIGH_BITS, TARGET_BYTE);
    }

    // Words with no byte below `lowest`, no DEL and none of the bits `alsoStop` are skipped whole; the table's
    // `byteClass` finishes the run. Inlined into both callers with their constants.
    private static int run(byte[] a, int i, int end, int lowest, long alsoStop, int byteClass) {
        for (; i <= end - 8; i += 8) {
            long x = (long) LONGS.get(a, i);
            if ((below(x, lowest) | zeroByte(x ^ DELS) | (x & alsoStop)) != 0) {
                break;
            }
        }
        while (i < end && (CLASSES[a[i] & 0xff] & byteClass) != 0) {
            i++;
        }
        return i;
    }

    // Non-zero when some byte of x is below n (n at most 0x80); bytes of 0x80 and above never count.
    private static long below(long x, int n) {
        return (x - ONES * n) & ~x & HIGH_BITS;
    }

    // Non-zero when some byte of x is zero.
    private static long zeroByte(long x) {
        return (x - ONES) & ~x & HIGH_BITS;
    }

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
