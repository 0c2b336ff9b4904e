package io.mlbj.marathon.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Null stripping against marathon-lb's {@code cleanup_json} unit data. */
class JsonNullsTest {

    static Stream<Arguments> cases() throws Exception {
        try (InputStream in = JsonNullsTest.class.getResourceAsStream("/conformance/unit-data/cleanup_json_cases.json")) {
            List<Arguments> out = new ArrayList<>();
            for (JsonNode c : MarathonJson.mapper().readTree(in).get("cases")) {
                String source = c.get("source").asText();
                out.add(Arguments.of(source.substring(source.lastIndexOf(':') + 1), c));
            }
            return out.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void stripsNullValuedKeysRecursively(String name, JsonNode c) throws Exception {
        JsonNode input = MarathonJson.mapper().readTree(c.get("input_json_text").asText());
        assertThat(JsonNulls.strip(input)).isEqualTo(c.get("expected"));
    }
}
