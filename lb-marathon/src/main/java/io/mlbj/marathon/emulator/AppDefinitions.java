package io.mlbj.marathon.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/** Normalizes a posted app definition the way Marathon 1.5+ stores it. */
final class AppDefinitions {
    private AppDefinitions() {}

    /** Marathon's app id: absolute, no trailing slash; null when not a valid id. */
    static String canonicalId(String id) {
        if (id == null) {
            return null;
        }
        String trimmed = id.strip().replaceAll("/+$", "");
        if (trimmed.isEmpty() || !trimmed.matches("/?[a-z0-9]([a-z0-9._/-]*[a-z0-9])?")) {
            return null;
        }
        return trimmed.startsWith("/") ? trimmed : "/" + trimmed;
    }

    /**
     * Moves pre-1.5 Docker networking into 1.5's shape ({@code container.portMappings},
     * {@code networks}), fills the defaults and assigns service ports that are 0 or missing.
     */
    static void normalize(ObjectNode app, Set<Integer> usedServicePorts) {
        if (!app.has("instances")) {
            app.put("instances", 1);
        }
        if (!app.path("labels").isObject()) {
            app.putObject("labels");
        }
        if (!app.path("healthChecks").isArray()) {
            app.putArray("healthChecks");
        }
        JsonNode container = app.path("container");
        if (container.isObject()) {
            ObjectNode docker = container.path("docker").isObject() ? (ObjectNode) container.path("docker") : null;
            if (docker != null && docker.has("portMappings") && !container.has("portMappings")) {
                ((ObjectNode) container).set("portMappings", docker.remove("portMappings"));
            }
            if (docker != null && docker.has("network") && !app.has("networks")) {
                String network = docker.remove("network").asText();
                String mode = switch (network) {
                    case "BRIDGE" -> "container/bridge";
                    case "USER" -> "container";
                    default -> "host";
                };
                app.putArray("networks").addObject().put("mode", mode);
            }
        }
        if (!app.path("networks").isArray()) {
            app.putArray("networks").addObject().put("mode", "host");
        }
        JsonNode mappings = app.path("container").path("portMappings");
        if (mappings.isArray()) {
            app.remove("portDefinitions");
            for (JsonNode mapping : mappings) {
                if (mapping.path("servicePort").asInt(0) == 0) {
                    ((ObjectNode) mapping).put("servicePort", nextServicePort(usedServicePorts));
                } else {
                    usedServicePorts.add(mapping.path("servicePort").asInt());
                }
                if (!mapping.has("protocol")) {
                    ((ObjectNode) mapping).put("protocol", "tcp");
                }
            }
        } else {
            if (!app.path("portDefinitions").isArray()) {
                ArrayNode defaults = app.putArray("portDefinitions");
                defaults.addObject().put("port", 0).put("protocol", "tcp").put("name", "default");
            }
            for (JsonNode definition : app.path("portDefinitions")) {
                if (definition.path("port").asInt(0) == 0) {
                    ((ObjectNode) definition).put("port", nextServicePort(usedServicePorts));
                } else {
                    usedServicePorts.add(definition.path("port").asInt());
                }
                if (!definition.has("protocol")) {
                    ((ObjectNode) definition).put("protocol", "tcp");
                }
            }
        }
    }

    /** How many host ports a task of this app gets. */
    static int portCount(JsonNode app) {
        JsonNode mappings = app.path("container").path("portMappings");
        return mappings.isArray() ? mappings.size() : app.path("portDefinitions").size();
    }

    /** The service ports, in port-index order. */
    static ArrayNode servicePorts(JsonNode app) {
        ArrayNode ports = MarathonEventJson.JSON.createArrayNode();
        JsonNode mappings = app.path("container").path("portMappings");
        if (mappings.isArray()) {
            mappings.forEach(m -> ports.add(m.path("servicePort").asInt()));
        } else {
            app.path("portDefinitions").forEach(d -> ports.add(d.path("port").asInt()));
        }
        return ports;
    }

    private static int nextServicePort(Set<Integer> used) {
        // Marathon's default local port range is 10000..20000
        for (int port = 10000; port <= 20000; port++) {
            if (used.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free service port in 10000..20000");
    }
}
