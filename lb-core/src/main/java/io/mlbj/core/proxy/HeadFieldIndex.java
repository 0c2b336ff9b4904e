package io.mlbj.core.proxy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What {@link HttpHeadScanner} records of a head's fields as it scans them: where each field's colon and line
 * end are (offsets from the head's first byte, so a parser of the accepted head need not search for them
 * again), and how many fields are named {@code Content-Length}, {@code Transfer-Encoding} and {@code Host}
 * (names matched byte by byte as they are scanned, ASCII case folded). Owned by its scanner.
 */
final class HeadFieldIndex {
    private static final byte[][] COUNTED = {ascii("content-length"), ascii("transfer-encoding"), ascii("host")};
    static final int CONTENT_LENGTH = 0;
    static final int TRANSFER_ENCODING = 1;
    static final int HOST = 2;

    // Which of COUNTED the current name still matches (bit per entry), and counts per entry.
    private int nameMatch;
    private final int[] counts = new int[COUNTED.length];
    // Per field (0-based): the offset of its colon, then of the CR ending its line.
    private int[] bounds = new int[32];

    /** Forgets the previous head. */
    void reset() {
        nameMatch = 0;
        Arrays.fill(counts, 0);
    }

    /** A field's name starts. */
    void nameStarted() {
        nameMatch = (1 << COUNTED.length) - 1;
    }

    /** Whether the name being read may still be one of the counted names (its next bytes matter). */
    boolean matching() {
        return nameMatch != 0;
    }

    /** Drops the counted names that byte {@code b} at index {@code i} of the current name rules out. */
    void nameByte(int i, int b) {
        if (nameMatch == 0) {
            return; // the usual name: ruled out by its first bytes
        }
        int lower = HeadByteClasses.lowerAscii(b);
        for (int k = 0; k < COUNTED.length; k++) {
            byte[] n = COUNTED[k];
            if ((nameMatch & (1 << k)) != 0 && (i >= n.length || n[i] != lower)) {
                nameMatch &= ~(1 << k);
            }
        }
    }

    /** The colon of field {@code field} is at offset {@code at}, after a name of {@code length} bytes. */
    void nameEnded(int field, int at, int length) {
        if (2 * field + 2 > bounds.length) {
            bounds = Arrays.copyOf(bounds, Math.max(2 * field + 2, 2 * bounds.length));
        }
        bounds[2 * field] = at;
        for (int k = 0; nameMatch != 0 && k < COUNTED.length; k++) {
            if ((nameMatch & (1 << k)) != 0 && COUNTED[k].length == length) {
                counts[k]++;
            }
        }
    }

    /** The line of field {@code field} ends (its CR) at offset {@code at}. */
    void lineEnded(int field, int at) {
        bounds[2 * field + 1] = at;
    }

    int colon(int field) {
        return bounds[2 * field];
    }

    int lineEnd(int field) {
        return bounds[2 * field + 1];
    }

    /** Fields named {@code COUNTED[which]} (CONTENT_LENGTH, TRANSFER_ENCODING, HOST). */
    int count(int which) {
        return counts[which];
    }

    private static byte[] ascii(String name) {
        return name.getBytes(StandardCharsets.US_ASCII);
    }
}
