package io.mlbj.bench.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlbj.marathon.emulator.MarathonEmulator;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The churner against the emulator (fake tasks): every kind of change, bounds kept, removals recorded first. */
class ChurnerTest {

    @Test
    void changesStayWithinTheBoundsAndEveryRemovedTaskIsRecorded() {
        ChurnSettings settings = new ChurnSettings(Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ZERO, 3, 1, 2, 4, 42);
        ChurnApps apps = new ChurnApps(3);
        RemovedTasks removed = new RemovedTasks();
        try (MarathonEmulator emulator = MarathonEmulator.startDefault()) {
            for (int i = 0; i < apps.count(); i++) {
                emulator.createApp(apps.definition(i, 0, 3));
            }
            Churner churner = new Churner(emulator, apps, removed, settings);
            for (int step = 0; step < 200; step++) {
                Set<String> before = running(emulator, apps);
                churner.step();
                Set<String> after = running(emulator, apps);
                for (int i = 0; i < apps.count(); i++) {
                    assertThat(emulator.taskIds(apps.id(i))).as("app %s after step %s", i, step).hasSizeBetween(2, 4);
                }
                for (String gone : before) {
                    if (!after.contains(gone)) {
                        assertThat(removed.contains(gone)).as("task %s went without being recorded", gone).isTrue();
                    }
                }
                after.forEach(t -> assertThat(removed.contains(t)).as("running task %s recorded as removed", t).isFalse());
            }
            assertThat(churner.counts()).containsOnlyKeys(Churner.Operation.values());
            assertThat(churner.counts().values()).allSatisfy(n -> assertThat(n).isPositive());
            assertThat(churner.counts().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(200);
            assertThat(removed.size()).isPositive();
        }
    }

    private static Set<String> running(MarathonEmulator emulator, ChurnApps apps) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < apps.count(); i++) {
            ids.addAll(emulator.taskIds(apps.id(i)));
        }
        return ids;
    }

    @Test
    void theLastAppUsesInsertModeTheOthersPrefixTheSessionCookie() {
        ChurnApps apps = new ChurnApps(3);
        assertThat(apps.definition(0, 0, 2)).contains("cookie JSESSIONID prefix nocache").contains("\"HAPROXY_0_PORT\":\"0\"")
                .contains("\"HAPROXY_0_BIND_ADDR\":\"127.0.0.20\"");
        assertThat(apps.definition(2, 19702, 2)).doesNotContain("BACKEND_STICKY_OPTIONS").contains("\"HAPROXY_0_STICKY\":\"true\"")
                .contains("\"HAPROXY_0_PORT\":\"19702\"");
        assertThat(apps.stickyCookie(0)).isEqualTo("JSESSIONID");
        assertThat(apps.stickyCookie(2)).isEqualTo("mesosphere_server_id");
        assertThat(new ChurnApps(1).insertMode(0)).isFalse();
    }

    @Test
    void badSettingsNameTheOption() {
        assertThatThrownBy(() -> new ChurnSettings(Duration.ZERO, Duration.ofMillis(100), Duration.ZERO, 3, 1, 2, 4, 1))
                .hasMessageContaining("--duration");
        assertThatThrownBy(() -> new ChurnSettings(Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ZERO, 3, 1, 3, 3, 1))
                .hasMessageContaining("--max-instances");
        assertThatThrownBy(() -> new ChurnSettings(Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofSeconds(-1), 3, 1, 2, 3, 1))
                .hasMessageContaining("--kill-grace");
    }

    @Test
    void marathonLbsContainerOnlyLinesAreLeftOutForALocalHaproxy() {
        String head = "global\n  log /dev/log local0\n  maxconn 50000\n  stats socket /var/run/haproxy/socket expose-fd listeners\n"
                + "  server-state-file global\n  lua-load /marathon-lb/getpids.lua\ndefaults\n  load-server-state-from-file global\n"
                + "  retries                   3\n  option            redispatch\nlisten stats\n"
                + "  http-request use-service lua.getpids if getpid\n  monitor-uri /_haproxy_health_check\n";
        assertThat(HaproxyReloadSink.localText(head)).isEqualTo("global\n  maxconn 5000\ndefaults\n"
                + "  retries                   3\n  option            redispatch\nlisten stats\n  monitor-uri /_haproxy_health_check\n");
    }
}
