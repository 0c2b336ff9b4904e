package io.mlbj.marathon.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.marathon.testing.Await;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The daemon against the Marathon emulator over HTTP and its event stream, with real backends and the real engine. */
class DaemonEndToEndTest {
    private final DaemonHarness h = new DaemonHarness();

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void anAppDeployedThroughMarathonBecomesReachableAndScalingChangesItsServers() {
        h.startDaemon("--marathon", h.emulator.url(), "--sse");
        h.emulator.createApp(DaemonHarness.app("/web", 2, 2));
        String url = h.frontendUrl(2);
        Await.until("both tasks serve", () -> DaemonHarness.tasksServing(url, 4).equals(Set.copyOf(h.emulator.taskIds("/web"))));

        h.emulator.scaleApp("/web", 3);
        Await.until("three tasks serve", () -> DaemonHarness.tasksServing(url, 6).size() == 3);

        h.emulator.scaleApp("/web", 1);
        Await.until("one task serves", () -> DaemonHarness.tasksServing(url, 4).equals(Set.copyOf(h.emulator.taskIds("/web"))));
        assertThat(h.emulator.taskIds("/web")).hasSize(1);
        assertThat(h.daemon.syncStatus().lastError()).isEmpty();
        assertThat(h.daemon.syncStatus().changes()).isGreaterThanOrEqualTo(3);
    }
}
