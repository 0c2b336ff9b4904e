package io.mlbj.marathon.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlbj.marathon.services.HealthResultCache;
import io.mlbj.marathon.services.HostResolver;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 50 config-generation cases transcribed from marathon-lb v1.15.0's tests render byte for byte.
 * Cases of kind {@code marathon_service_objects} build the service model directly from the {@code app}
 * objects (as marathon-lb's tests build {@code MarathonService} objects and call {@code config()});
 * cases of kind {@code marathon_v2_apps_response} go through the whole pipeline from Marathon JSON.
 */
class ConformanceCasesTest {

    static Stream<String> cases() {
        return ConformanceCases.caseFiles().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersExactlyAsMarathonLb(String file) throws Exception {
        JsonNode c = ConformanceCases.json(file);
        RenderOptions options = ConformanceCases.options(c.get("args"));
        RenderResult result;
        if (c.get("input_kind").asText().equals("marathon_service_objects")) {
            result = new ConfigRenderer(options).render(ConformanceCases.services(c.get("app")), List.of());
        } else {
            result = new MarathonConfigGenerator(options, HostResolver.literalsOnly(), new HealthResultCache(1000))
                    .generate(c.get("app").toString());
        }
        String expected = c.get("expected_haproxy_config").asText();
        assertThat(result.config())
                .as("%s differs from marathon-lb:%n%s", file, UnifiedDiff.diff(expected, result.config()))
                .isEqualTo(expected);
        assertThat(result.warnings()).isEmpty();
        if (options.haproxyMap() && c.hasNonNull("expected_domain_map")) {
            // the upstream tests compare the map arrays as dicts, so entry order is not part of the expectation
            assertThat(entries(result.domainMap()))
                    .containsExactlyInAnyOrderEntriesOf(ConformanceCases.stringMap(c.get("expected_domain_map")));
            assertThat(entries(result.appMap()))
                    .containsExactlyInAnyOrderEntriesOf(ConformanceCases.stringMap(c.get("expected_app_map")));
        } else if (!options.haproxyMap()) {
            assertThat(result.domainMap()).isEmpty();
            assertThat(result.appMap()).isEmpty();
        }
    }

    private static Map<String, String> entries(String mapFile) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : mapFile.split("\n")) {
            if (!line.isEmpty()) {
                String[] kv = line.split(" ", 2);
                assertThat(out.put(kv[0], kv[1])).as("duplicate map key %s", kv[0]).isNull();
            }
        }
        assertThat(mapFile).endsWith("\n");
        return out;
    }
}
