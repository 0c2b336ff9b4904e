package io.mlbj.core.health;

import io.mlbj.core.routing.HealthCheck;
import io.mlbj.core.routing.HttpCheckExpect;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

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
    /** How much of an answer a {@code string}/{@code rstring} check reads (HAProxy's {@code tune.chksize}). */
    static final int BODY_CHECK_BYTES = 16384;

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

    /**
     * The result of an answer whose status line gave {@code code}: {@code L7OKC} (404 under
     * {@code disable-on-404}), {@code L7OK}, {@code L7STS} (status
     * forms and the default 2xx/3xx rule) or {@code L7RSP} (string forms: no body, or no match), or null
     * when a string form needs more bytes. {@code done}: the server closed or {@code length} reached the
     * buffer's end. {@code regex} is the compiled pattern of {@code rstatus}/{@code rstring}.
     */
    static CheckStatus verdict(byte[] answer, int length, boolean done, int code, HealthCheck check, Pattern regex) {
        if (code == 404 && check.disableOn404()) {
            // HAProxy: disable-on-404 takes precedence over http-check expect.
            return CheckStatus.L7OKC;
        }
        HttpCheckExpect expect = check.expect();
        if (expect == null) {
            return passes(code, check.expectStatus()) ? CheckStatus.L7OK : CheckStatus.L7STS;
        }
        switch (expect.kind()) {
            case STATUS, RSTATUS -> {
                String digits = new String(answer, 9, 3, StandardCharsets.ISO_8859_1);
                boolean matched = expect.kind() == HttpCheckExpect.Kind.STATUS
                        ? expect.pattern().regionMatches(0, digits, 0, 3) : regex.matcher(digits).find();
                return matched != expect.negated() ? CheckStatus.L7OK : CheckStatus.L7STS;
            }
            default -> {
                int body = bodyStart(answer, length);
                if (body < 0 || body == length) {
                    // No end of headers yet, or an empty body so far.
                    return done ? CheckStatus.L7RSP : null;
                }
                String text = new String(answer, body, length - body, StandardCharsets.ISO_8859_1);
                boolean matched = expect.kind() == HttpCheckExpect.Kind.STRING
                        ? text.contains(expect.pattern()) : regex.matcher(text).find();
                if (!matched && !done) {
                    return null;
                }
                return matched != expect.negated() ? CheckStatus.L7OK : CheckStatus.L7RSP;
            }
        }
    }

    /** Where the body starts (after two line feeds, carriage returns ignored, as HAProxy 2.0 reads it), or -1. */
    static int bodyStart(byte[] answer, int length) {
        int lineFeeds = 0;
        for (int i = 0; i < length; i++) {
            byte b = answer[i];
            if (b == '\n') {
                if (++lineFeeds == 2) {
                    return i + 1;
                }
            } else if (b != '\r') {
                lineFeeds = 0;
            }
        }
        return -1;
    }
}
