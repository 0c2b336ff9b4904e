package io.mlbj.marathon.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlbj.marathon.model.MarathonJson;
import io.mlbj.marathon.services.HostResolver;
import io.mlbj.marathon.services.ServerNames;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * marathon-lb's Marathon fixtures ({@code marathon-samples/}) go through the whole pipeline without a warning.
 * App definitions without tasks (the CI backends) get one running task and Marathon-assigned service ports added,
 * so their labels take effect (an app that declares no port at all has nothing to expose).
 */
class MarathonSamplesTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tests/1-nginx-marathon1.5.json", "tests/1-nginx.json", "tests/marathon15_apps.json",
            "tests/zdd_app_blue.json", "tests/zdd_app_blue_marathon1.5.json", "tests/zdd_apps.json",
            "ci/backends/docker_bridge.json", "ci/backends/docker_host.json", "ci/backends/docker_ippc.json",
            "ci/backends/ucr_bridge.json", "ci/backends/ucr_host.json", "ci/backends/ucr_ippc.json",
            "ci/backends_1.9/docker_bridge.json", "ci/backends_1.9/docker_host.json",
            "ci/backends_1.9/docker_ippc.json", "ci/backends_1.9/ucr_host.json"})
    void rendersWithoutWarnings(String sample) {
        JsonNode root = ConformanceCases.json("marathon-samples/" + sample);
        ObjectNode body = MarathonJson.mapper().createObjectNode();
        ArrayNode apps = body.putArray("apps");
        if (root.has("apps")) {
            root.get("apps").forEach(apps::add);
        } else {
            apps.add(root.deepCopy());
        }
        for (JsonNode app : apps) {
            if (!app.has("tasks") || app.get("tasks").isEmpty()) {
                ObjectNode task = ((ObjectNode) app).putArray("tasks").addObject();
                task.put("id", app.get("id").asText() + ".1").put("host", "10.0.0.1").put("state", "TASK_RUNNING");
                task.putArray("ports").add(31000);
                task.putArray("ipAddresses").addObject().put("ipAddress", "172.17.0.9");
                // Marathon fills in the service ports of port mappings when it deploys an app
                int next = 10000;
                for (JsonNode mappings : List.of(app.path("container").path("portMappings"),
                        app.path("container").path("docker").path("portMappings"))) {
                    for (JsonNode m : mappings) {
                        if (!m.has("servicePort")) {
                            ((ObjectNode) m).put("servicePort", next++);
                        }
                    }
                }
            }
        }
        RenderOptions options = RenderOptions.builder(List.of("external")).build();
        RenderResult result = new MarathonConfigGenerator(options, HostResolver.literalsOnly()).generate(body.toString());

        assertThat(result.warnings()).isEmpty();
        assertThat(result.config()).startsWith("global\n").endsWith("\n");
        for (JsonNode app : apps) {
            JsonNode labels = app.path("labels");
            String id = labels.has("HAPROXY_DEPLOYMENT_GROUP") ? "/" + labels.get("HAPROXY_DEPLOYMENT_GROUP").asText()
                    : app.get("id").asText();
            boolean exposesAPort = app.toString().contains("containerPort") || app.has("portDefinitions");
            if (labels.has("HAPROXY_0_PORT") && exposesAPort) {
                String backend = ServerNames.backendName(id, labels.get("HAPROXY_0_PORT").asInt());
                assertThat(result.config()).contains("\nfrontend " + backend + "\n", "\nbackend " + backend + "\n");
            }
            if (labels.has("HAPROXY_0_VHOST") && exposesAPort) {
                assertThat(result.config()).contains(" -i " + labels.get("HAPROXY_0_VHOST").asText() + "\n");
            }
        }
    }
}
