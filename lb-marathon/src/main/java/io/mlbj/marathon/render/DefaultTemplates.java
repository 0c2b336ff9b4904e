package io.mlbj.marathon.render;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlbj.marathon.model.MarathonJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** marathon-lb's 53 default templates, read once from the {@code templates/defaults.json} resource. */
public final class DefaultTemplates {
    /** One template: full name ({@code HAPROXY_FRONTEND_HEAD}), default text, per-port overridable, description. */
    public record Definition(String fullName, String shortName, String defaultText, boolean overridable,
            String description) {}

    /** The expansion of the default {@code HAPROXY_GLOBAL_DEFAULT_OPTIONS} inside the default HEAD. */
    static final String DEFAULT_OPTION_LINES =
            "  option            dontlognull\n  option            http-server-close\n  option            redispatch\n";

    private static final Map<String, Definition> BY_SHORT_NAME = load();

    private DefaultTemplates() {}

    /** All templates by short name ({@code FRONTEND_HEAD}), in marathon-lb's declaration order. */
    public static Map<String, Definition> all() {
        return BY_SHORT_NAME;
    }

    /** The definition of {@code shortName}; throws if marathon-lb has no such template. */
    public static Definition get(String shortName) {
        Definition d = BY_SHORT_NAME.get(shortName);
        if (d == null) {
            throw new IllegalArgumentException("template: " + shortName + " (expected one of " + BY_SHORT_NAME.keySet() + ")");
        }
        return d;
    }

    /** The names of every template, in declaration order. */
    public static List<String> shortNames() {
        return List.copyOf(BY_SHORT_NAME.keySet());
    }

    private static Map<String, Definition> load() {
        try (InputStream in = DefaultTemplates.class.getResourceAsStream("/templates/defaults.json")) {
            if (in == null) {
                throw new IllegalStateException("resource /templates/defaults.json is missing");
            }
            JsonNode root = MarathonJson.mapper().readTree(in);
            Map<String, Definition> out = new LinkedHashMap<>();
            for (JsonNode t : root.get("templates")) {
                Definition d = new Definition(t.get("name").asText(), t.get("short_name").asText(),
                        t.get("default").asText(), t.get("overridable_flag").asBoolean(), t.get("description").asText());
                out.put(d.shortName(), d);
            }
            if (!out.get("HEAD").defaultText().contains(DEFAULT_OPTION_LINES)) {
                throw new IllegalStateException("default HEAD lacks the default option lines");
            }
            return Collections.unmodifiableMap(out);
        } catch (IOException e) {
            throw new UncheckedIOException("reading /templates/defaults.json", e);
        }
    }
}
