package io.mlbj.marathon.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlbj.marathon.testing.Await;
import io.mlbj.marathon.testing.Http;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A killed task keeps serving for the kill grace period, listed as TASK_KILLING, as in Marathon. */
class KillGracePeriodTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpEchoTaskLauncher launcher = new HttpEchoTaskLauncher();
    private final MarathonEmulator emulator =
            new MarathonEmulator(MarathonEmulator.Options.defaults().withLauncher(launcher)).start();

    @AfterEach
    void close() {
        emulator.close();
        launcher.close();
    }

    private List<JsonNode> tasks(String appId) {
        try {
            List<JsonNode> tasks = new ArrayList<>();
            JSON.readTree(Http.get(emulator.url() + "/v2/apps?embed=apps.tasks").body()).path("apps").forEach(app -> {
                if (app.path("id").asText().equals(appId)) {
                    app.path("tasks").forEach(tasks::add);
                }
            });
            return tasks;
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int port(JsonNode task) {
        return task.path("ports").get(0).asInt();
    }

    @Test
    void aKilledTaskIsListedAsKillingAndServesUntilItsGracePeriodEnds() {
        emulator.killGracePeriod(Duration.ofMinutes(5));
        emulator.createApp("{\"id\":\"/echo\",\"instances\":2,\"portDefinitions\":[{\"port\":0}]}");
        JsonNode victim = tasks("/echo").get(0);
        String victimId = victim.path("id").asText();

        emulator.killTask("/echo", victimId, false);

        assertThat(emulator.taskIds("/echo")).hasSize(2).doesNotContain(victimId);
        List<JsonNode> listed = tasks("/echo");
        assertThat(listed).hasSize(3);
        assertThat(listed.stream().filter(t -> t.path("id").asText().equals(victimId)))
                .singleElement().satisfies(t -> assertThat(t.path("state").asText()).isEqualTo("TASK_KILLING"));
        assertThat(Http.get("http://127.0.0.1:" + port(victim) + "/").headers().firstValue("X-Task-Id"))
                .contains(victimId);

        emulator.close();
        assertThatThrownBy(() -> Http.get("http://127.0.0.1:" + port(victim) + "/"))
                .isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void whenTheGracePeriodEndsTheBackendStopsAndTheTaskLeavesTheList() {
        emulator.killGracePeriod(Duration.ofMillis(200));
        emulator.createApp("{\"id\":\"/echo\",\"instances\":2,\"portDefinitions\":[{\"port\":0}]}");
        JsonNode victim = tasks("/echo").get(1);
        String victimId = victim.path("id").asText();

        emulator.scaleApp("/echo", 1);

        Await.until("the killed task leaves the list", () -> tasks("/echo").size() == 1);
        assertThat(tasks("/echo").get(0).path("id").asText()).isNotEqualTo(victimId);
        Await.until("the killed task's backend stops", () -> {
            try {
                Http.get("http://127.0.0.1:" + port(victim) + "/");
                return false;
            } catch (UncheckedIOException e) {
                return true;
            }
        });
    }

    @Test
    void aNegativePeriodIsRefused() {
        assertThatThrownBy(() -> emulator.killGracePeriod(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("period");
    }
}
