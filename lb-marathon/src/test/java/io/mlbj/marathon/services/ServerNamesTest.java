package io.mlbj.marathon.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Server ids, cookie values and names against marathon-lb's unit data. */
class ServerNamesTest {

    static Stream<Arguments> serverIdCases() {
        return UnitData.cases("server_id_cases.json", "cases");
    }

    static Stream<Arguments> cookieCases() {
        return UnitData.cases("cookie_and_id_examples.json", "examples");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serverIdCases")
    void serverIdsMatchMarathonLb(String name, JsonNode c) {
        boolean shared = c.get("taken_ids_shared_across_sequence").asBoolean();
        Set<Integer> taken = new HashSet<>();
        for (JsonNode step : c.get("sequence")) {
            if (!shared) {
                taken = new HashSet<>();
            }
            int id = ServerNames.serverId(step.get("server_name").asText(), taken);
            assertThat(id).as(step.get("server_name").asText()).isEqualTo(step.get("expected_id").asInt());
            assertThat(taken).contains(id);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cookieCases")
    void cookieAndFreshIdMatchMarathonLb(String name, JsonNode c) {
        String server = c.get("server_name").asText();
        assertThat(ServerNames.cookieValue(server)).isEqualTo(c.get("cookie_value").asText());
        assertThat(ServerNames.serverId(server, new HashSet<>())).isEqualTo(c.get("server_id_fresh_set").asInt());
    }

    @Test
    void collisionRetriesWithTheHexDigestAppended() {
        Set<Integer> taken = new HashSet<>();
        int first = ServerNames.serverId("10_0_6_25_23336", taken);
        int second = ServerNames.serverId("10_0_6_25_23336", taken);
        assertThat(second).isNotEqualTo(first).isBetween(1, 32766);
    }

    @Test
    void emptyNameIsRejected() {
        assertThatThrownBy(() -> ServerNames.serverId("", new HashSet<>()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("serverName");
    }

    @Test
    void serverNameOmitsTheHostWhenItIsTheIp() {
        assertThat(ServerNames.serverName(new BackendServer("agent1", "1.1.1.1", 1024, false)))
                .isEqualTo("agent1_1_1_1_1_1024");
        assertThat(ServerNames.serverName(new BackendServer("192.168.30.80", "192.168.30.80", 14957, false)))
                .isEqualTo("192_168_30_80_14957");
        assertThat(ServerNames.cookieValue("192_168_30_80_14957")).isEqualTo("d1e1b3d058");
    }

    @Test
    void backendNameReplacesOnlySlashes() {
        assertThat(ServerNames.backendName("/wso2am/api-store", 10209)).isEqualTo("wso2am_api-store_10209");
        assertThat(ServerNames.backendName("/a.b-c", 1)).isEqualTo("a.b-c_1");
    }
}
