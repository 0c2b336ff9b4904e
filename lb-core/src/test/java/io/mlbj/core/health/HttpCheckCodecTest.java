package io.mlbj.core.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlbj.core.routing.HealthCheck;
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
}
