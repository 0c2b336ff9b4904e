package io.mlbj.core.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlbj.core.routing.HealthCheck;
import io.mlbj.core.routing.HttpCheckExpect;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The bytes of {@code option httpchk} checks. */
class HttpCheckCodecTest {
    private static int code(String answer, boolean ended) {
        byte[] b = answer.getBytes(StandardCharsets.ISO_8859_1);
        byte[] head = new byte[HttpCheckCodec.STATUS_LINE_BYTES];
        int n = Math.min(b.length, head.length);
        System.arraycopy(b, 0, head, 0, n);
        return HttpCheckCodec.statusCode(head, n, ended);
    }

    @Test
    void requestIsTheHaproxy20RequestLineAndAnEmptyLine() {
        HealthCheck get = new HealthCheck(Duration.ofSeconds(2), 2, 3, 0, "GET", "/ping", Duration.ofSeconds(2));
        assertThat(new String(HttpCheckCodec.request(get), StandardCharsets.ISO_8859_1))
                .isEqualTo("GET /ping HTTP/1.0\r\n\r\n");
        HealthCheck withHost = new HealthCheck(Duration.ofSeconds(2), 2, 3, 0, "GET", "/", Duration.ofSeconds(2),
                Duration.ofSeconds(2), Duration.ofSeconds(2), "HTTP/1.1\r\nHost: www", 0, 0);
        assertThat(new String(HttpCheckCodec.request(withHost), StandardCharsets.ISO_8859_1))
                .isEqualTo("GET / HTTP/1.1\r\nHost: www\r\n\r\n");
        HealthCheck tcp = new HealthCheck(Duration.ofSeconds(2), 2, 3, 0, null, null, Duration.ofSeconds(2));
        assertThatThrownBy(() -> HttpCheckCodec.request(tcp)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsTheStatusOfHttp1StatusLines() {
        assertThat(code("HTTP/1.1 200 OK\r\n", false)).isEqualTo(200);
        assertThat(code("HTTP/1.0 503\r\n", false)).isEqualTo(503);
        assertThat(code("HTTP/1.1 301 Moved", false)).isEqualTo(301);
    }

    @Test
    void waitsForThirteenBytesUnlessTheServerClosed() {
        assertThat(code("HTTP/1.1 20", false)).isEqualTo(HttpCheckCodec.NEED_MORE);
        assertThat(code("HTTP/1.1 20", true)).isEqualTo(HttpCheckCodec.INVALID);
        assertThat(code("", true)).isEqualTo(HttpCheckCodec.INVALID);
    }

    @Test
    void rejectsWhatIsNotAnHttp1StatusLine() {
        assertThat(code("SSH-2.0-OpenSSH_9", false)).isEqualTo(HttpCheckCodec.INVALID);
        assertThat(code("HTTP/2.0 200 OK\r\n", false)).isEqualTo(HttpCheckCodec.INVALID);
        assertThat(code("HTTP/1.1 2x0 OK\r\n", false)).isEqualTo(HttpCheckCodec.INVALID);
        assertThat(code("HTTP/1.1 2000 OK\r\n", false)).isEqualTo(HttpCheckCodec.INVALID);
    }

    @Test
    void twoAndThreeHundredsPassUnlessAStatusIsExpected() {
        assertThat(HttpCheckCodec.passes(200, 0)).isTrue();
        assertThat(HttpCheckCodec.passes(302, 0)).isTrue();
        assertThat(HttpCheckCodec.passes(404, 0)).isFalse();
        assertThat(HttpCheckCodec.passes(503, 0)).isFalse();
        assertThat(HttpCheckCodec.passes(200, 204)).isFalse();
        assertThat(HttpCheckCodec.passes(204, 204)).isTrue();
    }

    private static HealthCheck expecting(HttpCheckExpect.Kind kind, boolean negated, String pattern) {
        Duration d = Duration.ofSeconds(2);
        return new HealthCheck(d, 2, 3, 0, "GET", "/", d, d, d, "HTTP/1.0", 0, 0,
                new HttpCheckExpect(kind, negated, pattern));
    }

    private static CheckStatus verdict(HealthCheck check, String answer, boolean done) {
        byte[] b = answer.getBytes(StandardCharsets.ISO_8859_1);
        int code = HttpCheckCodec.statusCode(b, b.length, done);
        return HttpCheckCodec.verdict(b, b.length, done, code, check,
                check.expect() == null ? null : check.expect().regex());
    }

    @Test
    void statusFormsCompareTheThreeDigitsAndNegationInvertsThem() {
        String ok = "HTTP/1.1 200 OK\r\n";
        String unavailable = "HTTP/1.1 503 Service Unavailable\r\n";
        HealthCheck notDown = expecting(HttpCheckExpect.Kind.STATUS, true, "503");
        assertThat(verdict(notDown, ok, false)).isEqualTo(CheckStatus.L7OK);
        assertThat(verdict(notDown, unavailable, false)).isEqualTo(CheckStatus.L7STS);
        HealthCheck any2xx = expecting(HttpCheckExpect.Kind.RSTATUS, false, "^2");
        assertThat(verdict(any2xx, "HTTP/1.0 204 No Content\r\n", false)).isEqualTo(CheckStatus.L7OK);
        assertThat(verdict(any2xx, "HTTP/1.0 302 Found\r\n", false)).isEqualTo(CheckStatus.L7STS);
        HealthCheck not5xx = expecting(HttpCheckExpect.Kind.RSTATUS, true, "^5");
        assertThat(verdict(not5xx, "HTTP/1.0 404 Not Found\r\n", false)).as("any non-5xx, even 404")
                .isEqualTo(CheckStatus.L7OK);
        assertThat(verdict(not5xx, unavailable, false)).isEqualTo(CheckStatus.L7STS);
    }

    @Test
    void stringFormsSearchTheBodyAndWaitForMoreUntilTheEnd() {
        HealthCheck up = expecting(HttpCheckExpect.Kind.STRING, false, "\"status\":\"UP\"");
        String head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n";
        assertThat(verdict(up, head + "{\"status\":\"UP\"}", false)).isEqualTo(CheckStatus.L7OK);
        assertThat(verdict(up, head + "{\"status\":", false)).as("not yet: more may come").isNull();
        assertThat(verdict(up, head + "{\"status\":\"DOWN\"}", true)).isEqualTo(CheckStatus.L7RSP);
        assertThat(verdict(up, "HTTP/1.1 200 OK\r\nX: y", false)).as("headers not ended").isNull();
        assertThat(verdict(up, "HTTP/1.1 200 OK\r\nX: y", true)).as("no body").isEqualTo(CheckStatus.L7RSP);
        assertThat(verdict(up, head, true)).as("empty body").isEqualTo(CheckStatus.L7RSP);
        assertThat(verdict(up, "HTTP/1.1 503 Unavailable\r\n\r\n{\"status\":\"UP\"}", true))
                .as("the string forms do not look at the status").isEqualTo(CheckStatus.L7OK);
        HealthCheck noError = expecting(HttpCheckExpect.Kind.RSTRING, true, "ERR(OR)?");
        assertThat(verdict(noError, head + "all fine", true)).isEqualTo(CheckStatus.L7OK);
        assertThat(verdict(noError, head + "all fine", false)).as("an absent match may still come").isNull();
        assertThat(verdict(noError, head + "1 ERROR", false)).isEqualTo(CheckStatus.L7RSP);
        assertThat(HttpCheckCodec.bodyStart("A\n\nB".getBytes(StandardCharsets.ISO_8859_1), 4)).isEqualTo(3);
    }

    @Test
    void withoutAnExpectFormTheDefaultRuleApplies() {
        Duration d = Duration.ofSeconds(2);
        HealthCheck plain = new HealthCheck(d, 2, 3, 0, "GET", "/", d);
        assertThat(verdict(plain, "HTTP/1.0 301 Moved\r\n", false)).isEqualTo(CheckStatus.L7OK);
        assertThat(verdict(plain, "HTTP/1.0 404 Not Found\r\n", false)).isEqualTo(CheckStatus.L7STS);
    }

    @Test
    void anExpectFormAndAnExpectedStatusTogetherAreRefused() {
        Duration d = Duration.ofSeconds(2);
        assertThatThrownBy(() -> new HealthCheck(d, 2, 3, 0, "GET", "/", d, d, d, "HTTP/1.0", 200, 0,
                new HttpCheckExpect(HttpCheckExpect.Kind.STRING, false, "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expect");
        assertThatThrownBy(() -> new HttpCheckExpect(HttpCheckExpect.Kind.RSTRING, false, "[a"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid regex");
    }
}
