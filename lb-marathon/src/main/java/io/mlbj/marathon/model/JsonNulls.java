package io.mlbj.marathon.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/** marathon-lb's {@code cleanup_json}: drops every object entry whose value is {@code null}, recursively. */
public final class JsonNulls {
    private JsonNulls() {}

    /** Returns a copy of {@code node} without null-valued object entries (list elements are kept). */
    public static JsonNode strip(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                if (!e.getValue().isNull()) {
                    out.set(e.getKey(), strip(e.getValue()));
                }
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (JsonNode element : node) {
                out.add(strip(element));
            }
            return out;
        }
        return node;
    }
}
