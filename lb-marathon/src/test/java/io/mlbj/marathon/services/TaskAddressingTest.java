package io.mlbj.marathon.services;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlbj.marathon.model.JsonNulls;
import io.mlbj.marathon.model.MarathonApp;
import io.mlbj.marathon.model.MarathonJson;
import io.mlbj.marathon.model.MarathonTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Task IP and port discovery against marathon-lb's {@code get_task_ip_and_ports} unit data. */
class TaskAddressingTest {

    static Stream<Arguments> cases() {
        return UnitData.cases("task_ip_and_ports_cases.json", "cases");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ipAndPortsMatchMarathonLb(String name, JsonNode c) throws Exception {
        MarathonApp app = MarathonJson.app(JsonNulls.strip(c.get("app")));
        MarathonTask task = MarathonJson.mapper().treeToValue(JsonNulls.strip(c.get("task")), MarathonTask.class);
        JsonNode mock = c.get("resolve_ip_mock_returns");
        HostResolver resolver = mock.isTextual() && mock.asText().equals("not mocked")
                ? host -> {
                    throw new AssertionError("IP-per-task must not resolve host " + host);
                }
                : host -> mock.isNull() ? null : mock.asText();
        Optional<TaskAddress> address = TaskAddressing.ipAndPorts(app, task, resolver);
        if (c.get("expected_ip").isNull()) {
            assertThat(address).isEmpty();
        } else {
            List<Integer> ports = new ArrayList<>();
            c.get("expected_ports").forEach(p -> ports.add(p.asInt()));
            assertThat(address).contains(new TaskAddress(c.get("expected_ip").asText(), ports));
        }
    }
}
