package io.mlbj.core.accesslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** The httplog layout, checked against the example of HAProxy's configuration manual (section 8.2.3). */
class HttpLogEntryTest {

    private static HttpLogEntry example(String requestLine, boolean tls) {
        return new HttpLogEntry("10.0.1.2", 33317,
                ZonedDateTime.of(2009, 2, 6, 12, 14, 14, 655_000_000, ZoneOffset.UTC), "http-in", tls, "static",
                "srv1", 10, 0, 30, 69, 109, 200, 2750, "----", 1, 1, 1, 1, 0, requestLine);
    }

    @Test
    void matchesHaproxysManualExample() {
        // HAProxy's example also has "{1wt.eu} {}" captured headers, which marathon-lb's config does not capture.
        assertThat(example("GET /index.html HTTP/1.1", false).format()).isEqualTo(
                "10.0.1.2:33317 [06/Feb/2009:12:14:14.655] http-in static/srv1 10/0/30/69/109 200 2750 - - ---- "
                        + "1/1/1/1/0 0/0 \"GET /index.html HTTP/1.1\"");
    }

    @Test
    void tlsFrontendsGetATildeAndQuotesAreEscaped() {
        String line = example("GET /a\"b\u0001 HTTP/1.1", true).format();
        assertThat(line).contains(" http-in~ static/srv1 ").endsWith("\"GET /a\\\"b#01 HTTP/1.1\"");
    }

    @Test
    void offLogsNothingAndRejectsNothing() {
        assertThat(AccessLog.OFF.enabled()).isFalse();
        AccessLog.OFF.log(example("GET / HTTP/1.1", false));
        assertThat(AccessLog.toSlf4j().enabled()).isTrue();
        assertThatThrownBy(() -> new HttpLogEntry("1.2.3.4", 1, ZonedDateTime.now(), "f", false, "b", "s", 0, 0, 0, 0,
                0, 200, 0, "--", 0, 0, 0, 0, 0, "GET / HTTP/1.1")).hasMessageContaining("terminationState");
    }
}
