package io.mlbj.marathon.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** Builds the JSON of Marathon's event-bus events in the shapes Marathon 1.5+ sends. */
final class MarathonEventJson {
    static final ObjectMapper JSON = new ObjectMapper();

    private MarathonEventJson() {}

    static ObjectNode streamAttached(String remoteAddress, Instant at) {
        ObjectNode e = JSON.createObjectNode();
        e.put("remoteAddress", remoteAddress);
        return typed(e, "event_stream_attached", at);
    }

    static ObjectNode apiPost(String uri, JsonNode appDefinition, Instant at) {
        ObjectNode e = JSON.createObjectNode();
        e.put("remoteAddress", "127.0.0.1");
        e.put("uri", uri);
        e.set("appDefinition", appDefinition);
        return typed(e, "api_post_event", at);
    }

    static ObjectNode statusUpdate(JsonNode task, String status, Instant at) {
        ObjectNode e = JSON.createObjectNode();
        e.put("slaveId", task.path("slaveId").asText());
        e.put("taskId", task.path("id").asText());
        e.put("taskStatus", status);
        e.put("message", "");
        e.put("appId", task.path("appId").asText());
        e.put("host", task.path("host").asText());
        e.set("ipAddresses", task.path("ipAddresses").deepCopy());
        e.set("ports", task.path("ports").deepCopy());
        e.put("version", task.path("version").asText());
        return typed(e, "status_update_event", at);
    }

    static ObjectNode healthChanged(JsonNode task, boolean alive, Instant at) {
        ObjectNode e = JSON.createObjectNode();
        e.put("appId", task.path("appId").asText());
        e.put("taskId", task.path("id").asText());
        e.put("instanceId", task.path("id").asText().replace(".", ".instance-"));
        e.put("version", task.path("version").asText());
        e.put("alive", alive);
        return typed(e, "health_status_changed_event", at);
    }

    static ObjectNode appTerminated(String appId, Instant at) {
        ObjectNode e = JSON.createObjectNode();
        e.put("appId", appId);
        return typed(e, "app_terminated_event", at);
    }

    static ObjectNode deploymentInfo(String deploymentId, String appId, String action, String version, Instant at) {
        ObjectNode e = JSON.createObjectNode();
        ObjectNode plan = plan(deploymentId, appId, action, version);
        e.set("plan", plan);
        e.set("currentStep", plan.path("steps").get(0).deepCopy());
        return typed(e, "deployment_info", at);
    }

    static ObjectNode deploymentSuccess(String deploymentId, String appId, String action, String version, Instant at) {
        ObjectNode e = JSON.createObjectNode();
        e.put("id", deploymentId);
        e.set("plan", plan(deploymentId, appId, action, version));
        return typed(e, "deployment_success", at);
    }

    /** A "light" plan (the {@code plan-format=light} marathon-lb asks for): no original/target groups. */
    private static ObjectNode plan(String deploymentId, String appId, String action, String version) {
        ObjectNode plan = JSON.createObjectNode();
        plan.put("id", deploymentId);
        plan.put("version", version);
        ArrayNode steps = plan.putArray("steps");
        ObjectNode actionNode = steps.addObject().putArray("actions").addObject();
        actionNode.put("action", action);
        actionNode.put("app", appId);
        return plan;
    }

    private static ObjectNode typed(ObjectNode e, String type, Instant at) {
        e.put("eventType", type);
        e.put("timestamp", at.toString());
        return e;
    }
}
