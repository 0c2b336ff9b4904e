package io.mlbj.marathon.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Reads Marathon's {@code /v2/apps?embed=apps.tasks} JSON into {@link MarathonApp} records, null keys dropped first. */
public final class MarathonJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, true);

    private MarathonJson() {}

    /** Parses a whole {@code {"apps": [...]}} response body. */
    public static List<MarathonApp> parseAppsResponse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Marathon apps JSON: " + e.getOriginalMessage(), e);
        }
        return appsOf(root);
    }

    /** Converts a parsed {@code {"apps": [...]}} tree (or a bare array of apps). */
    public static List<MarathonApp> appsOf(JsonNode root) {
        JsonNode clean = JsonNulls.strip(root);
        JsonNode apps = clean != null && clean.isObject() ? clean.get("apps") : clean;
        if (apps == null || !apps.isArray()) {
            throw new IllegalArgumentException("Marathon apps JSON: expected an object with an \"apps\" array");
        }
        List<MarathonApp> out = new ArrayList<>(apps.size());
        for (JsonNode app : apps) {
            out.add(app(app));
        }
        return out;
    }

    /** Converts one (already null-stripped) app object. */
    public static MarathonApp app(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("Marathon app: expected a JSON object, got " + node.getNodeType());
        }
        ObjectNode copy = ((ObjectNode) node).deepCopy();
        JsonNode ip = copy.remove("ipAddress");
        MarathonApp app;
        try {
            app = MAPPER.treeToValue(copy, MarathonApp.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String id = node.hasNonNull("id") ? node.get("id").asText() : "?";
            throw new IllegalArgumentException("Marathon app " + id + ": " + e.getMessage(), e);
        }
        if (ip == null || !ip.isObject()) {
            return app;
        }
        Discovery discovery = null;
        try {
            JsonNode d = ip.get("discovery");
            discovery = d == null ? null : MAPPER.treeToValue(d, Discovery.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Marathon app " + app.id() + ": ipAddress.discovery: " + e.getOriginalMessage(), e);
        }
        return new MarathonApp(app.id(), app.labels(), app.instances(), app.ports(), app.portDefinitions(),
                app.container(), IpAddress.fromJson(ip, discovery), app.networks(), app.healthChecks(),
                app.tasks(), app.versionInfo());
    }

    /** The shared, configured mapper (thread-safe once configured). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
