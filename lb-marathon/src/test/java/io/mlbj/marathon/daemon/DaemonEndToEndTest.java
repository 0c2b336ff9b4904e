package io.mlbj.marathon.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.marathon.emulator.LaunchedTask;
import io.mlbj.marathon.emulator.MarathonEmulator;
import io.mlbj.marathon.testing.Await;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon against the Marathon emulator over HTTP and its event stream, with real backends and the real engine. */
class DaemonEndToEndTest {
    private final DaemonHarness h = new DaemonHarness();

    @AfterEach
    void close() {
        h.close();
    }

    private Set<String> tasksOf(String appId) {
        return Set.copyOf(h.emulator.taskIds(appId));
    }

    @Test
    void anAppDeployedThroughMarathonBecomesReachableAndScalingChangesItsServers() {
        h.startDaemon("--marathon", h.emulator.url(), "--sse");
        h.emulator.createApp(DaemonHarness.app("/web", 2, 2));
        String url = h.frontendUrl(2);
        Await.until("both tasks serve", () -> DaemonHarness.tasksServing(url, 4).equals(tasksOf("/web")));

        h.emulator.scaleApp("/web", 3);
        Await.until("three tasks serve", () -> DaemonHarness.tasksServing(url, 6).size() == 3);

        h.emulator.scaleApp("/web", 1);
        Await.until("one task serves", () -> DaemonHarness.tasksServing(url, 4).equals(tasksOf("/web")));
        assertThat(h.emulator.taskIds("/web")).hasSize(1);
        assertThat(h.daemon.syncStatus().lastError()).isEmpty();
        assertThat(h.daemon.syncStatus().changes()).isGreaterThanOrEqualTo(2);
        assertThat(h.daemon.syncStatus().lastChangeAt()).isPresent();
    }

    @Test
    void aHealthStatusChangeRemovesAndRestoresAServer() {
        h.startDaemon("--marathon", h.emulator.url(), "--sse", "--health-check");
        String app = DaemonHarness.app("/checked", 2, 3).replace("\"labels\"",
                "\"healthChecks\":[{\"protocol\":\"HTTP\",\"path\":\"/\",\"portIndex\":0,\"gracePeriodSeconds\":5,"
                        + "\"intervalSeconds\":10,\"timeoutSeconds\":10,\"maxConsecutiveFailures\":3}],\"labels\"");
        h.emulator.createApp(app);
        String url = h.frontendUrl(3);
        Await.until("both tasks serve", () -> DaemonHarness.tasksServing(url, 4).equals(tasksOf("/checked")));
        String sick = h.emulator.taskIds("/checked").get(0);
        String well = h.emulator.taskIds("/checked").get(1);

        h.emulator.setTaskHealth(sick, false);
        Await.until("only the healthy task serves", () -> DaemonHarness.tasksServing(url, 4).equals(Set.of(well)));

        h.emulator.setTaskHealth(sick, true);
        Await.until("both tasks serve again", () -> DaemonHarness.tasksServing(url, 4).equals(Set.of(sick, well)));
    }

    @Test
    void trafficKeepsFlowingWhileTheStreamAndMarathonAreDownAndRoutingRecoversAfterwards() {
        h.startDaemon("--marathon", h.emulator.url(), "--sse", "--max-backoff", "1");
        h.emulator.createApp(DaemonHarness.app("/steady", 2, 4));
        String url = h.frontendUrl(4);
        Await.until("both tasks serve", () -> DaemonHarness.tasksServing(url, 4).equals(tasksOf("/steady")));

        h.emulator.killEventStreams();
        h.emulator.stop();
        Await.until("the daemon noticed Marathon is gone", () -> !h.daemon.sourceStatus().streamConnected());
        for (int i = 0; i < 20; i++) {
            assertThat(DaemonHarness.get(url).status()).as("request %s while Marathon is down", i).isEqualTo(200);
        }

        h.emulator.start();
        h.emulator.scaleApp("/steady", 3);
        Await.until("the stream is back", () -> h.daemon.sourceStatus().streamConnected());
        Await.until("the new task serves", () -> DaemonHarness.tasksServing(url, 6).equals(tasksOf("/steady")));
        assertThat(tasksOf("/steady")).hasSize(3);
    }

    @Test
    void withTwoMarathonsTheFirstOneDownTheSecondIsUsed() {
        MarathonEmulator gone = MarathonEmulator.startDefault();
        String downUrl = gone.url();
        gone.close();
        h.startDaemon("--marathon", downUrl, h.emulator.url(), "--sse");
        h.emulator.createApp(DaemonHarness.app("/second", 1, 5));
        String url = h.frontendUrl(5);
        Await.until("the task serves", () -> DaemonHarness.tasksServing(url, 2).equals(tasksOf("/second")));
        assertThat(h.daemon.sourceStatus().currentUrl()).isEqualTo(h.emulator.url());
    }

    @Test
    void aMalformedAppIsSkippedWhileTheOthersWork() {
        h.startDaemon("--marathon", h.emulator.url(), "--sse");
        h.emulator.createApp(DaemonHarness.app("/broken", 1, 6, "HAPROXY_0_BACKEND_WEIGHT", "heavy"));
        h.emulator.createApp(DaemonHarness.app("/fine", 1, 7));
        String url = h.frontendUrl(7);
        Await.until("the good app serves", () -> DaemonHarness.tasksServing(url, 2).equals(tasksOf("/fine")));
        Await.until("the bad app is reported", () -> h.daemon.syncStatus().appWarnings().stream()
                .anyMatch(w -> w.appId().equals("/broken") && w.label().contains("BACKEND_WEIGHT")));
        assertThat(h.runtime.loadBalancer().current().backends()).containsKey("fine_0").doesNotContainKey("broken_0");
    }

    @Test
    void aConfigTheEngineRejectsKeepsTheLastGoodOneServingAndIsReported() {
        h.startDaemon("--marathon", h.emulator.url(), "--sse");
        h.emulator.createApp(DaemonHarness.app("/good", 1, 8));
        String url = h.frontendUrl(8);
        Await.until("the good app serves", () -> DaemonHarness.tasksServing(url, 2).equals(tasksOf("/good")));
        long failuresBefore = h.daemon.syncStatus().failures();

        // a server template without an address: HAProxy would refuse this config too
        h.emulator.createApp(DaemonHarness.app("/bad", 1, 9,
                "HAPROXY_0_BACKEND_SERVER_OPTIONS", "  server {serverName}\\n"));
        Await.until("the rejected config is reported", () -> h.daemon.syncStatus().failures() > failuresBefore);
        ConfigSyncStatus status = h.daemon.syncStatus();
        assertThat(status.lastResult()).isEqualTo(ConfigSyncStatus.Result.FAILED);
        assertThat(status.lastError()).get().asString().contains("haproxy.cfg:").contains("server").contains("keeping the previous");
        assertThat(DaemonHarness.tasksServing(url, 2)).isEqualTo(tasksOf("/good"));
        assertThat(h.runtime.loadBalancer().current().backends()).doesNotContainKey("bad_0");
    }

    @Test
    void aResyncRequestPicksUpChangesInPollMode() {
        h.startDaemon("--marathon", h.emulator.url(), "--poll-interval", "3600");
        h.emulator.createApp(DaemonHarness.app("/polled", 1, 10));
        h.daemon.resync();
        String url = h.frontendUrl(10);
        Await.until("the task serves", () -> DaemonHarness.tasksServing(url, 2).equals(tasksOf("/polled")));

        h.emulator.scaleApp("/polled", 2);
        h.daemon.resync();
        Await.until("both tasks serve", () -> DaemonHarness.tasksServing(url, 4).equals(tasksOf("/polled")));
    }

    @Test
    void appsFileEditsTakeEffect(@TempDir Path dir) throws Exception {
        LaunchedTask one = h.launcher.launch("/filed", "filed.1", 1);
        LaunchedTask two = h.launcher.launch("/filed", "filed.2", 1);
        Path file = dir.resolve("apps.json");
        Files.writeString(file, appsJson(List.of(one)), StandardCharsets.UTF_8);
        h.startDaemon("--apps-file", file.toString());
        String url = h.frontendUrl(11);
        Await.until("task 1 serves", () -> DaemonHarness.tasksServing(url, 2).equals(Set.of("filed.1")));

        // replaced by a rename, as editors and config tools do
        Path next = dir.resolve("apps.json.new");
        Files.writeString(next, appsJson(List.of(one, two)), StandardCharsets.UTF_8);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Await.until("both tasks serve", () -> DaemonHarness.tasksServing(url, 4).equals(Set.of("filed.1", "filed.2")));

        Files.writeString(file, appsJson(List.of(two)), StandardCharsets.UTF_8);
        Await.until("task 2 alone serves", () -> DaemonHarness.tasksServing(url, 4).equals(Set.of("filed.2")));
    }

    private static String appsJson(List<LaunchedTask> tasks) {
        StringBuilder t = new StringBuilder();
        for (int i = 0; i < tasks.size(); i++) {
            LaunchedTask task = tasks.get(i);
            t.append(i == 0 ? "" : ",").append("{\"id\":\"filed.").append(task.ports().get(0) == 0 ? 0 : i + 1)
                    .append("\",\"appId\":\"/filed\",\"host\":\"").append(task.host()).append("\",\"ports\":[")
                    .append(task.ports().get(0)).append("],\"state\":\"TASK_RUNNING\"}");
        }
        return "{\"apps\":[{\"id\":\"/filed\",\"instances\":" + tasks.size() + ",\"portDefinitions\":[{\"port\":10000}],"
                + "\"labels\":{\"HAPROXY_GROUP\":\"test\",\"HAPROXY_0_MODE\":\"http\",\"HAPROXY_0_PORT\":\"0\","
                + "\"HAPROXY_0_BIND_ADDR\":\"127.0.0.11\"},\"tasks\":[" + t + "]}]}";
    }
}
