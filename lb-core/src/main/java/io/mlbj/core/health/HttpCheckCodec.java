package io.mlbj.core.health;

import io.mlbj.core.routing.HealthCheck;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of an {@code option httpchk} exchange, as HAProxy 2.0 writes and reads them: the request is
 * {@code METHOD SP URI SP VERSION CRLF CRLF} (the version word as written, so a {@code \r\nHost: x}
 * appended to it adds a header); the answer must start with {@code HTTP/1.x NNN} followed by a space or CR.
 */
final class HttpCheckCodec {
    /** {@link #statusCode}: not enough bytes yet. */
    static final int NEED_MORE = -1;
    /** {@link #statusCode}: not an HTTP/1 status line. */
    static final int INVALID = -2;
    /** How many bytes of the answer decide its status ({@code "HTTP/1.0 000\r"}). */
    static final int STATUS_LINE_BYTES = 13;

    private HttpCheckCodec() {}

    /** The request of {@code check} (an HTTP check). */
    static byte[] request(HealthCheck check) {
        if (!check.isHttp()) {
            throw new IllegalArgumentException("check: not an HTTP check");
        }
        String text = check.httpMethod() + " " + check.httpPath() + " " + check.httpVersion() + "\r\n\r\n";
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * The status code in the first {@code length} bytes of an answer, {@link #NEED_MORE} when fewer than
     * {@link #STATUS_LINE_BYTES} arrived (and the server has not closed: {@code ended} false), or
     * {@link #INVALID}.
     */
    static int statusCode(byte[] head, int length, boolean ended) {
        if (length < STATUS_LINE_BYTES) {
            return ended ? INVALID : NEED_MORE;
        }
        if (head[0] != 'H' || head[1] != 'T' || head[2] != 'T' || head[3] != 'P' || head[4] != '/' || head[5] != '1'
                || head[6] != '.' || head[8] != ' ' || (head[12] != ' ' && head[12] != '\r')) {
            return INVALID;
        }
        int code = 0;
        for (int i = 9; i < 12; i++) {
            int digit = head[i] - '0';
            if (digit < 0 || digit > 9) {
                return INVALID;
            }
            code = code * 10 + digit;
        }
        return code;
    }

    /** Whether {@code code} passes: equal to {@code expectStatus} when set, else any 2xx or 3xx. */
    static boolean passes(int code, int expectStatus) {
        return expectStatus != 0 ? code == expectStatus : code >= 200 && code < 400;
    }
}
