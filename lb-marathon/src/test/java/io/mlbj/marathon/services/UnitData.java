package io.mlbj.marathon.services;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlbj.marathon.model.MarathonJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Loads {@code conformance/unit-data/*.json} (transcribed from marathon-lb's unit tests) as test arguments. */
final class UnitData {
    private UnitData() {}

    static JsonNode read(String name) {
        try (InputStream in = UnitData.class.getResourceAsStream("/conformance/unit-data/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource conformance/unit-data/" + name);
            }
            return MarathonJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One argument set per case: (source name, case node). */
    static Stream<Arguments> cases(String name, String arrayField) {
        List<Arguments> out = new ArrayList<>();
        int i = 0;
        for (JsonNode c : read(name).get(arrayField)) {
            String source = c.has("source") ? c.get("source").asText() : c.path("server_name").asText();
            out.add(Arguments.of(i++ + " " + source.substring(source.lastIndexOf(':') + 1), c));
        }
        return out.stream();
    }
}
