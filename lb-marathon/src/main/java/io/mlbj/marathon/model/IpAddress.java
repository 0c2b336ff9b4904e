package io.mlbj.marathon.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The legacy IP-per-task {@code ipAddress} object of an app; {@code keyCount} is how many keys it had,
 * because marathon-lb treats an empty object as "no IP-per-task".
 */
public record IpAddress(Discovery discovery, String networkName, int keyCount) {

    /** Builds the value from the raw (null-stripped) JSON object. */
    public static IpAddress fromJson(JsonNode node, Discovery discovery) {
        JsonNode name = node.get("networkName");
        return new IpAddress(discovery, name == null || !name.isTextual() ? null : name.asText(), node.size());
    }

    /** True if the object had any key (Python truthiness of a dict). */
    public boolean present() {
        return keyCount > 0;
    }
}
