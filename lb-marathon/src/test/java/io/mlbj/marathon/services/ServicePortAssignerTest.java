package io.mlbj.marathon.services;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlbj.marathon.model.JsonNulls;
import io.mlbj.marathon.model.MarathonApp;
import io.mlbj.marathon.model.MarathonJson;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Service ports against marathon-lb's {@code ServicePortAssigner} unit data. Apps always go through null
 * stripping: the model cannot hold a JSON null, and marathon-lb's {@code app.get(k)} reads a null like a
 * missing key for every field these cases set to null.
 */
class ServicePortAssignerTest {

    static Stream<Arguments> cases() {
        return UnitData.cases("service_port_cases.json", "cases");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void servicePortsMatchMarathonLb(String name, JsonNode c) {
        JsonNode range = c.get("assigner_range");
        ServicePortAssigner assigner = range.isNull()
                ? ServicePortAssigner.disabled()
                : new ServicePortAssigner(range.get(0).asInt(), range.get(1).asInt());
        MarathonApp app = MarathonJson.app(JsonNulls.strip(c.get("app")));
        List<Integer> expected = new ArrayList<>();
        c.get("expected_service_ports").forEach(p -> expected.add(p.asInt()));
        assertThat(assigner.servicePorts(app)).containsExactlyElementsOf(expected);
    }

    @Test
    void ipPerTaskWithoutServicePortsGetsTheHashedPortAndKeepsIt() {
        MarathonApp app = MarathonJson.app(JsonNulls.strip(MarathonJson.mapper().createObjectNode()
                .put("id", "app-1")
                .set("ipAddress", MarathonJson.mapper().createObjectNode()
                        .set("discovery", MarathonJson.mapper().createObjectNode()
                                .set("ports", MarathonJson.mapper().createArrayNode()
                                        .add(MarathonJson.mapper().createObjectNode().put("number", 500)))))));
        MarathonApp withTask = new MarathonApp(app.id(), app.labels(), 1, null, null, null, app.ipAddress(), null, null,
                List.of(new io.mlbj.marathon.model.MarathonTask("t1", "app-1", "h", null, null, null, null, null)), null);
        ServicePortAssigner assigner = new ServicePortAssigner(10000, 10020);
        // sha1("app-1-500-0")[:8] = 83a29047 -> 10000 + 2208469063 % 21 = 10010
        assertThat(assigner.servicePorts(withTask)).containsExactly(10010);
        assertThat(assigner.servicePorts(withTask)).containsExactly(10010);
    }
}
