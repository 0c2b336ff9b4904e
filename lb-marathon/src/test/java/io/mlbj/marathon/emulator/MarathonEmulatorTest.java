package io.mlbj.marathon.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlbj.marathon.api.EventStreamConnection;
import io.mlbj.marathon.api.MarathonClient;
import io.mlbj.marathon.api.MarathonClientOptions;
import io.mlbj.marathon.api.SseEvent;
import io.mlbj.marathon.testing.Await;
import io.mlbj.marathon.testing.Http;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MarathonEmulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MarathonEmulator emulator = MarathonEmulator.startDefault();

    @AfterEach
    void close() {
        emulator.close();
    }

    private static String fixture(String name) throws Exception {
        try (InputStream in = MarathonEmulatorTest.class.getResourceAsStream("/emulator/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    void storesMarathonLbsNginxFixtureInMarathon15Shape() throws Exception {
        HttpResponse<String> created = Http.post(emulator.url() + "/v2/apps", fixture("1-nginx.json"));
        assertThat(created.statusCode()).isEqualTo(201);

        JsonNode apps = json(Http.get(emulator.url() + "/v2/apps?embed=apps.tasks")).path("apps");
        assertThat(apps).hasSize(1);
        JsonNode app = apps.get(0);
        assertThat(app.path("id").asText()).isEqualTo("/nginx");
        assertThat(app.path("instances").asInt()).isEqualTo(5);
        assertThat(app.path("labels").path("HAPROXY_GROUP").asText()).isEqualTo("external");
        assertThat(app.path("container").path("portMappings").get(0).path("servicePort").asInt()).isEqualTo(10000);
        assertThat(app.path("container").path("portMappings").get(0).path("containerPort").asInt()).isEqualTo(8080);
        assertThat(app.path("container").path("docker").has("portMappings")).isFalse();
        assertThat(app.path("networks").get(0).path("mode").asText()).isEqualTo("container/bridge");
        assertThat(app.path("healthChecks").get(0).path("path").asText()).isEqualTo("/");
        assertThat(app.path("tasks")).hasSize(5);
        for (JsonNode task : app.path("tasks")) {
            assertThat(task.path("id").asText()).startsWith("nginx.");
            assertThat(task.path("appId").asText()).isEqualTo("/nginx");
            assertThat(task.path("host").asText()).isEqualTo("127.0.0.1");
            assertThat(task.path("ports")).hasSize(1);
            assertThat(task.path("ipAddresses").get(0).path("ipAddress").asText()).isEqualTo("127.0.0.1");
            assertThat(task.path("state").asText()).isEqualTo("TASK_RUNNING");
            assertThat(task.path("startedAt").asText()).isNotEmpty();
            assertThat(task.path("healthCheckResults").get(0).path("alive").asBoolean()).isTrue();
        }
        assertThat(app.path("tasksHealthy").asInt()).isEqualTo(5);

        JsonNode withoutTasks = json(Http.get(emulator.url() + "/v2/apps")).path("apps").get(0);
        assertThat(withoutTasks.has("tasks")).isFalse();
        assertThat(json(Http.get(emulator.url() + "/v2/apps/nginx")).path("app").path("tasks")).hasSize(5);
    }

    @Test
    void assignsServicePortsAndDefaultPortDefinitions() throws Exception {
        Http.post(emulator.url() + "/v2/apps", "{\"id\":\"/g/web\",\"cmd\":\"x\",\"instances\":2}");
        Http.post(emulator.url() + "/v2/apps", "{\"id\":\"/g/api\",\"portDefinitions\":[{\"port\":0},{\"port\":0}]}");
        JsonNode apps = json(Http.get(emulator.url() + "/v2/apps?embed=apps.tasks")).path("apps");
        assertThat(apps.get(0).path("portDefinitions").get(0).path("port").asInt()).isEqualTo(10000);
        assertThat(apps.get(1).path("portDefinitions").findValuesAsText("port")).containsExactly("10001", "10002");
        assertThat(apps.get(1).path("tasks").get(0).path("ports")).hasSize(2);
        assertThat(apps.get(0).path("tasks").get(0).path("id").asText()).startsWith("g_web.");
        assertThat(apps.get(0).path("tasks").get(0).has("healthCheckResults")).isFalse();
    }

    @Test
    void scalesKillsAndDeletesLikeMarathon() throws Exception {
        Http.post(emulator.url() + "/v2/apps", "{\"id\":\"web\",\"instances\":3}");
        assertThat(Http.put(emulator.url() + "/v2/apps/web", "{\"instances\":2}").statusCode()).isEqualTo(200);
        assertThat(emulator.taskIds("/web")).hasSize(2);

        String victim = emulator.taskIds("/web").get(0);
        assertThat(Http.delete(emulator.url() + "/v2/apps/web/tasks/" + victim).statusCode()).isEqualTo(200);
        assertThat(emulator.taskIds("/web")).hasSize(2).doesNotContain(victim);

        String scaledAway = emulator.taskIds("/web").get(0);
        Http.delete(emulator.url() + "/v2/apps/web/tasks/" + scaledAway + "?scale=true");
        assertThat(emulator.taskIds("/web")).hasSize(1);
        assertThat(json(Http.get(emulator.url() + "/v2/apps/web")).path("app").path("instances").asInt()).isEqualTo(1);

        assertThat(Http.delete(emulator.url() + "/v2/apps/web").statusCode()).isEqualTo(200);
        assertThat(Http.get(emulator.url() + "/v2/apps/web").statusCode()).isEqualTo(404);
        assertThat(json(Http.get(emulator.url() + "/v2/apps")).path("apps")).isEmpty();
    }

    @Test
    void aChangedDefinitionRestartsTheTasks() {
        emulator.createApp("{\"id\":\"/web\",\"instances\":2,\"labels\":{\"A\":\"1\"}}");
        List<String> before = emulator.taskIds("/web");
        Http.put(emulator.url() + "/v2/apps/web", "{\"labels\":{\"A\":\"2\"}}");
        assertThat(emulator.taskIds("/web")).hasSize(2).doesNotContainAnyElementsOf(before);
    }

    @Test
    void refusesWhatMarathonRefuses() throws Exception {
        emulator.createApp("{\"id\":\"/web\"}");
        HttpResponse<String> duplicate = Http.post(emulator.url() + "/v2/apps", "{\"id\":\"/web\"}");
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(json(duplicate).path("message").asText()).contains("/web");
        assertThat(Http.post(emulator.url() + "/v2/apps", "{\"id\":\"Bad Id\"}").statusCode()).isEqualTo(422);
        assertThat(Http.post(emulator.url() + "/v2/apps", "{nope").statusCode()).isEqualTo(400);
        assertThat(Http.delete(emulator.url() + "/v2/apps/missing").statusCode()).isEqualTo(404);
        assertThat(Http.get(emulator.url() + "/v2/nothing").statusCode()).isEqualTo(404);
        assertThatThrownBy(() -> emulator.setTaskHealth("no-such-task", true)).hasMessageContaining("no-such-task");
    }

    @Test
    void answersInfoLeaderAndPing() throws Exception {
        assertThat(Http.get(emulator.url() + "/ping").body()).isEqualTo("pong\n");
        assertThat(json(Http.get(emulator.url() + "/v2/leader")).path("leader").asText())
                .isEqualTo("127.0.0.1:" + emulator.port());
        JsonNode info = json(Http.get(emulator.url() + "/v2/info"));
        assertThat(info.path("name").asText()).isEqualTo("marathon");
        assertThat(info.path("http_config").path("http_port").asInt()).isEqualTo(emulator.port());
    }

    @Test
    void streamsEventsInMarathonsShapesWithTheTypeFilter() throws Exception {
        List<SseEvent> events = new CopyOnWriteArrayList<>();
        MarathonClient client = new MarathonClient(MarathonClientOptions.of(List.of(URI.create(emulator.url()))));
        EventStreamConnection stream = client.openEventStream(URI.create(emulator.url()), new EventStreamConnection.Listener() {
            @Override
            public void onOpen(URI uri) {}

            @Override
            public void onEvent(SseEvent event) {
                events.add(event);
            }
        }, Clock.systemUTC());
        try {
            Await.until("stream attached", () -> emulator.eventStreamCount() == 1 && !events.isEmpty());
            assertThat(events.get(0).type()).isEqualTo("event_stream_attached");

            emulator.createApp("{\"id\":\"/web\",\"instances\":1,\"healthChecks\":[{\"protocol\":\"HTTP\",\"path\":\"/\"}]}");
            String task = emulator.taskIds("/web").get(0);
            emulator.setTaskHealth(task, false);
            emulator.deleteApp("/web");
            Await.until("filtered events", () -> events.size() >= 5);

            List<String> types = new ArrayList<>();
            events.forEach(e -> types.add(e.type()));
            // the filter marathon-lb sends drops deployment_* and app_terminated_event
            assertThat(types).containsExactly("event_stream_attached", "api_post_event", "status_update_event",
                    "health_status_changed_event", "status_update_event");
            JsonNode post = JSON.readTree(events.get(1).data());
            assertThat(post.path("appDefinition").path("id").asText()).isEqualTo("/web");
            assertThat(post.path("uri").asText()).isEqualTo("/v2/apps");
            JsonNode running = JSON.readTree(events.get(2).data());
            assertThat(running.path("taskStatus").asText()).isEqualTo("TASK_RUNNING");
            assertThat(running.path("taskId").asText()).isEqualTo(task);
            assertThat(running.path("ports")).hasSize(1);
            JsonNode health = JSON.readTree(events.get(3).data());
            assertThat(health.path("alive").asBoolean()).isFalse();
            assertThat(health.path("appId").asText()).isEqualTo("/web");
            assertThat(JSON.readTree(events.get(4).data()).path("taskStatus").asText()).isEqualTo("TASK_KILLED");
        } finally {
            stream.abort(new Exception("test over"));
        }
    }

    @Test
    void anUnfilteredStreamSeesDeployments() {
        List<String> types = new CopyOnWriteArrayList<>();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        var request = java.net.http.HttpRequest.newBuilder(URI.create(emulator.url() + "/v2/events"))
                .header("Accept", "text/event-stream").build();
        var future = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        try {
            HttpResponse<java.util.stream.Stream<String>> response = future.join();
            Thread reader = new Thread(() -> {
                try {
                    response.body().filter(l -> l.startsWith("event: ")).forEach(l -> types.add(l.substring(7)));
                } catch (java.io.UncheckedIOException streamClosedAtTheEnd) {
                    // the test closes the stream when it is done
                }
            });
            reader.setDaemon(true);
            reader.start();
            Await.until("attached", () -> types.contains("event_stream_attached"));
            emulator.createApp("{\"id\":\"/web\",\"instances\":1}");
            Await.until("deployment_success", () -> types.contains("deployment_success"));
            assertThat(types).containsSubsequence("api_post_event", "deployment_info", "status_update_event",
                    "deployment_success");
        } finally {
            emulator.killEventStreams();
        }
    }

    @Test
    void requiresBasicAuthWhenConfigured() {
        try (MarathonEmulator secured = new MarathonEmulator(MarathonEmulator.Options.defaults().withBasicAuth("u:p"))) {
            secured.start();
            HttpResponse<String> denied = Http.get(secured.url() + "/v2/apps");
            assertThat(denied.statusCode()).isEqualTo(401);
            assertThat(denied.headers().firstValue("WWW-Authenticate")).isPresent();
        }
    }

    @Test
    void restartsOnTheSamePortKeepingTheApps() {
        emulator.createApp("{\"id\":\"/web\"}");
        int port = emulator.port();
        emulator.stop();
        assertThatThrownBy(() -> Http.get(emulator.url() + "/ping")).isInstanceOf(java.io.UncheckedIOException.class);
        emulator.start();
        assertThat(emulator.port()).isEqualTo(port);
        assertThat(Http.get(emulator.url() + "/v2/apps").body()).contains("/web");
    }

    @Test
    void faultKnobsBreakTheAppsAnswer() {
        emulator.appsFault(AppsFault.HTTP_500);
        assertThat(Http.get(emulator.url() + "/v2/apps").statusCode()).isEqualTo(500);
        emulator.appsFault(AppsFault.INVALID_JSON);
        assertThatThrownBy(() -> JSON.readTree(Http.get(emulator.url() + "/v2/apps").body()))
                .isInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class);
        emulator.appsFault(AppsFault.NONE);
        assertThat(Http.get(emulator.url() + "/v2/apps").statusCode()).isEqualTo(200);
        assertThat(emulator.appsRequests()).isEqualTo(3);
    }
}
