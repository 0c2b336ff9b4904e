package io.mlbj.marathon.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** An entry of a task's {@code healthCheckResults}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HealthCheckResult(Boolean alive, Integer consecutiveFailures, String taskId) {

    /** Python truthiness of {@code result['alive']}. */
    public boolean isAlive() {
        return Boolean.TRUE.equals(alive);
    }
}
