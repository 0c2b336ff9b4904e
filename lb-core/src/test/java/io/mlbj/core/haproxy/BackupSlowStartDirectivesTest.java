package io.mlbj.core.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.routing.ConfigWarning;
import io.mlbj.core.routing.RoutingSnapshot;
import io.mlbj.core.routing.Server;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code backup}, {@code no-backup}, {@code slowstart}, {@code option allbackups}, {@code http-check disable-on-404}. */
class BackupSlowStartDirectivesTest {
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
    void backupServersAndAllbackupsAreReadWithoutWarnings() throws ConfigException {
        RoutingSnapshot s = interpret("""
                defaults
                  option allbackups
                backend b
                  server p1 10.0.0.1:80 check slowstart 30s
                  server b1 10.0.0.2:80 backup check
                  server b2 10.0.0.3:80 check backup slowstart 1500
                backend c
                  no option allbackups
                  default-server backup
                  server p1 10.0.0.1:80 no-backup
                  server b1 10.0.0.2:80
                """);
        assertThat(s.warnings()).isEmpty();
        List<Server> b = s.backend("b").servers();
        assertThat(b).extracting(Server::backup).containsExactly(false, true, true);
        assertThat(b).extracting(Server::slowStart)
                .containsExactly(Duration.ofSeconds(30), Duration.ZERO, Duration.ofMillis(1500));
        assertThat(s.backend("b").allBackups()).isTrue();
        assertThat(s.backend("c").allBackups()).isFalse();
        assertThat(s.backend("c").servers()).extracting(Server::backup).containsExactly(false, true);
    }

    @Test
    void disableOn404ReachesTheHttpChecksOfTheBackendOnly() throws ConfigException {
        RoutingSnapshot s = interpret("""
                backend b
                  option httpchk GET /health
                  http-check disable-on-404
                  http-check expect status 200
                  server web1 10.0.0.1:80 check
                backend tcp
                  http-check disable-on-404
                  server t1 10.0.0.1:81 check
                backend plain
                  option httpchk GET /
                  server web2 10.0.0.1:82 check
                """);
        assertThat(s.warnings()).isEmpty();
        assertThat(s.backend("b").servers().get(0).check().disableOn404()).isTrue();
        assertThat(s.backend("b").servers().get(0).check().expectStatus()).isEqualTo(200);
        assertThat(s.backend("tcp").servers().get(0).check().disableOn404()).as("no httpchk: no HTTP answer").isFalse();
        assertThat(s.backend("plain").servers().get(0).check().disableOn404()).isFalse();
    }

    @Test
    void slowstartWithoutCheckIsWarnedNamingTheLine() throws ConfigException {
        RoutingSnapshot s = interpret("""
                backend b
                  server p1 10.0.0.1:80 slowstart 10s
                """);
        assertThat(s.warnings()).extracting(ConfigWarning::toString).containsExactly(
                "h.cfg:2: server p1: 'slowstart' has no effect without 'check'"
                        + " (it applies only when a failed server comes back up)");
    }

    @Test
    void badValuesAreErrorsNamingFileAndLine() {
        assertThat(problems("""
                backend b
                  server p1 10.0.0.1:80 check slowstart soon
                """)).containsExactly(
                "h.cfg:2: server: server p1: 'soon' is not a time (expected: a number with us, ms, s, m, h or d)");
        assertThat(problems("""
                backend b
                  server p1 10.0.0.1:80 check slowstart
                """)).containsExactly("h.cfg:2: server: server p1: 'slowstart' needs an argument");
        assertThat(problems("""
                backend b
                  option httpchk
                  http-check disable-on-404 now
                  server p1 10.0.0.1:80 check
                """)).containsExactly(
                "h.cfg:3: http-check: http-check disable-on-404: unexpected 'now' (expected: no argument)");
    }
}
