package io.mlbj.core.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.routing.ConfigWarning;
import io.mlbj.core.routing.HealthCheck;
import io.mlbj.core.routing.HttpCheckExpect;
import io.mlbj.core.routing.RoutingSnapshot;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The health-check directives: server check options, option httpchk, http-check expect, spread-checks. */
class HealthCheckDirectivesTest {
    private static RoutingSnapshot interpret(String text) throws ConfigException {
        return new ConfigInterpreter(MapFileReader.NONE, false).interpret(text, "h.cfg");
    }

    private static List<String> problems(String text) {
        try {
            interpret(text);
        } catch (ConfigException e) {
            return e.problems().stream().map(ConfigWarning::toString).toList();
        }
        throw new AssertionError("config was accepted");
    }

    @Test
    void everyCheckSettingReachesTheModel() throws ConfigException {
        RoutingSnapshot s = interpret("""
                global
                  spread-checks 5
                backend b
                  option httpchk GET /ping "HTTP/1.1\\r\\nHost: www"
                  http-check expect status 204
                  timeout check 3s
                  server web1 10.0.0.1:80 check inter 4s fastinter 500ms downinter 10s rise 3 fall 4 port 9000
                """);
        assertThat(s.backend("b").servers().get(0).check()).isEqualTo(new HealthCheck(Duration.ofSeconds(4), 3, 4,
                9000, "GET", "/ping", Duration.ofSeconds(3), Duration.ofMillis(500), Duration.ofSeconds(10),
                "HTTP/1.1\r\nHost: www", 204, 5));
    }

    @Test
    void defaultsAreHaproxys() throws ConfigException {
        RoutingSnapshot s = interpret("""
                backend b
                  option httpchk
                  server web1 10.0.0.1:80 check
                backend t
                  server web1 10.0.0.1:80 check
                """);
        HealthCheck http = s.backend("b").servers().get(0).check();
        assertThat(http).isEqualTo(new HealthCheck(Duration.ofSeconds(2), 2, 3, 0, "OPTIONS", "/",
                Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2), "HTTP/1.0", 0, 0));
        HealthCheck tcp = s.backend("t").servers().get(0).check();
        assertThat(tcp.isHttp()).isFalse();
        assertThat(tcp.httpVersion()).isNull();
        assertThat(tcp.fastInterval()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void httpCheckExpectFormsAndTheirNegations() throws ConfigException {
        RoutingSnapshot s = interpret("""
                backend a
                  option httpchk GET /
                  http-check expect string OK
                  http-check send-state
                  server web1 10.0.0.1:80 check
                backend b
                  option httpchk GET /
                  http-check expect ! rstring ^ERROR.*
                  server web1 10.0.0.1:80 check
                backend c
                  option httpchk GET /
                  http-check expect ! status 503
                  server web1 10.0.0.1:80 check
                backend d
                  option httpchk GET /
                  http-check expect rstatus ^2[0-9]{2}$
                  server web1 10.0.0.1:80 check
                backend e
                  option httpchk GET /
                  http-check expect rstring up
                  http-check expect status 204
                  server web1 10.0.0.1:80 check
                """);
        assertThat(expect(s, "a")).isEqualTo(new HttpCheckExpect(HttpCheckExpect.Kind.STRING, false, "OK"));
        assertThat(expect(s, "b")).isEqualTo(new HttpCheckExpect(HttpCheckExpect.Kind.RSTRING, true, "^ERROR.*"));
        assertThat(expect(s, "c")).isEqualTo(new HttpCheckExpect(HttpCheckExpect.Kind.STATUS, true, "503"));
        assertThat(expect(s, "d")).isEqualTo(new HttpCheckExpect(HttpCheckExpect.Kind.RSTATUS, false, "^2[0-9]{2}$"));
        assertThat(expect(s, "e")).as("the last expect of a section wins").isNull();
        assertThat(s.backend("e").servers().get(0).check().expectStatus()).isEqualTo(204);
        assertThat(s.backend("a").servers().get(0).check().expectStatus()).isZero();
        assertThat(s.warnings()).isEmpty();
    }

    private static HttpCheckExpect expect(RoutingSnapshot s, String backend) {
        return s.backend(backend).servers().get(0).check().expect();
    }

    @Test
    void otherHttpCheckFormsAreWarnedAndIgnored() throws ConfigException {
        RoutingSnapshot s = interpret("""
                backend b
                  option httpchk GET /
                  http-check connect
                  server web1 10.0.0.1:80 check
                """);
        assertThat(s.warnings()).extracting(ConfigWarning::toString).containsExactly(
                "h.cfg:3: 'http-check connect' is not supported (only 'expect', 'disable-on-404' and 'send-state');"
                        + " ignored");
    }

    @Test
    void badExpectFormsAreErrorsNamingTheLine() {
        assertThat(problems("""
                backend b
                  option httpchk GET /
                  http-check expect
                  http-check expect body OK
                  http-check expect string
                  http-check expect ! string a b
                  http-check expect rstring (unclosed
                  http-check expect ! status 2x
                  http-check expect !
                  server a 10.0.0.1:80 check
                """)).containsExactly(
                "h.cfg:3: http-check: http-check expect: '' (expected: [!] status|rstatus|string|rstring <pattern>)",
                "h.cfg:4: http-check: http-check expect: 'body OK' (expected: [!] status|rstatus|string|rstring"
                        + " <pattern>)",
                "h.cfg:5: http-check: http-check expect: 'string' (expected: [!] status|rstatus|string|rstring"
                        + " <pattern>)",
                "h.cfg:6: http-check: http-check expect: '! string a b' (expected: [!] status|rstatus|string|rstring"
                        + " <pattern>)",
                "h.cfg:7: http-check: http-check expect rstring: pattern: '(unclosed' is not a valid regex"
                        + " (Unclosed group)",
                "h.cfg:8: http-check: expect status: '2x' (expected: 100..999)",
                "h.cfg:9: http-check: http-check expect: '!' (expected: [!] status|rstatus|string|rstring <pattern>)");
    }

    @Test
    void badValuesAreErrorsNamingTheLine() {
        assertThat(problems("""
                global
                  spread-checks 80
                backend b
                  http-check expect status abc
                  server a 10.0.0.1:80 check inter 0
                  server b 10.0.0.1:81 check fastinter 0s
                """)).containsExactly(
                "h.cfg:2: spread-checks: percent: '80' (expected: 0..50)",
                "h.cfg:4: http-check: expect status: 'abc' (expected: 100..999)",
                "h.cfg:5: server: server a: 'inter' must be greater than 0",
                "h.cfg:6: server: server b: 'fastinter' must be greater than 0");
    }
}
