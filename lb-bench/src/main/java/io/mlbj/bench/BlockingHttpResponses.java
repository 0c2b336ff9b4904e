package io.mlbj.bench;

import java.io.IOException;
import java.io.InputStream;

/**
 * The client side of the round-trip benchmarks: reads one HTTP/1.1 response framed by Content-Length
 * from a blocking stream into a reusable buffer, allocating nothing, so the benchmark's own garbage is
 * not counted as the proxy's.
 */
final class BlockingHttpResponses {
    private static final String CONTENT_LENGTH = "content-length:";

    private BlockingHttpResponses() {}

    /** Reads the head, then the body's Content-Length bytes, into {@code buf}; returns the body length. */
    static int read(InputStream in, byte[] buf) throws IOException {
        int n = 0;
        int headEnd = -1;
        while (headEnd < 0) {
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                throw new IOException("closed");
            }
            n += r;
            headEnd = indexOfBlankLine(buf, n);
        }
        int length = contentLength(buf, headEnd);
        int have = n - headEnd;
        while (have < length) {
            int r = in.read(buf, 0, Math.min(buf.length, length - have));
            if (r < 0) {
                throw new IOException("closed");
            }
            have += r;
        }
        return length;
    }

    private static int indexOfBlankLine(byte[] b, int n) {
        for (int i = 3; i < n; i++) {
            if (b[i] == '\n' && b[i - 1] == '\r' && b[i - 2] == '\n' && b[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    private static int contentLength(byte[] b, int headEnd) {
        for (int i = 0; i + CONTENT_LENGTH.length() < headEnd; i++) {
            if ((b[i] | 0x20) == 'c' && regionMatchesIgnoreCase(b, i, CONTENT_LENGTH)) {
                int v = 0;
                for (int j = i + CONTENT_LENGTH.length(); j < headEnd && b[j] != '\r'; j++) {
                    if (b[j] >= '0' && b[j] <= '9') {
                        v = v * 10 + (b[j] - '0');
                    }
                }
                return v;
            }
        }
        throw new IllegalStateException("no Content-Length");
    }

    private static boolean regionMatchesIgnoreCase(byte[] b, int at, String s) {
        for (int k = 0; k < s.length(); k++) {
            if (Character.toLowerCase((char) b[at + k]) != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
