package io.mlbj.marathon.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlbj.marathon.testing.Http;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class HttpEchoTaskLauncherTest {

    @Test
    void tasksAreRealBackendsThatStopWhenKilled() throws Exception {
        try (HttpEchoTaskLauncher launcher = new HttpEchoTaskLauncher();
             MarathonEmulator emulator = new MarathonEmulator(MarathonEmulator.Options.defaults().withLauncher(launcher))) {
            emulator.start();
            emulator.createApp("{\"id\":\"/echo\",\"instances\":2,\"portDefinitions\":[{\"port\":0},{\"port\":0}]}");
            JsonNode app = new ObjectMapper().readTree(Http.get(emulator.url() + "/v2/apps/echo").body()).path("app");
            JsonNode task = app.path("tasks").get(0);
            String taskId = task.path("id").asText();
            int secondPort = task.path("ports").get(1).asInt();

            HttpResponse<String> answer = Http.get("http://127.0.0.1:" + secondPort + "/hello?x=1");
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.headers().firstValue("X-Task-Id")).contains(taskId);
            assertThat(answer.body()).startsWith("task " + taskId + " port " + secondPort + "\nGET /hello?x=1\n");

            emulator.killTask("/echo", taskId, true);
            assertThatThrownBy(() -> Http.get("http://127.0.0.1:" + secondPort + "/"))
                    .isInstanceOf(java.io.UncheckedIOException.class);
        }
    }
}
