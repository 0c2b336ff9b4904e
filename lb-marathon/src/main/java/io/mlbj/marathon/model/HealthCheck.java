package io.mlbj.marathon.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A Marathon health check definition ({@code healthChecks[]}); absent keys are {@code null}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HealthCheck(
        String protocol,
        String path,
        Integer portIndex,
        Integer port,
        Integer gracePeriodSeconds,
        Integer intervalSeconds,
        Integer timeoutSeconds,
        Integer maxConsecutiveFailures) {

    /** True if no field is set (an empty JSON object, which marathon-lb treats as "no health check"). */
    public boolean isEmpty() {
        return protocol == null && path == null && portIndex == null && port == null && gracePeriodSeconds == null
                && intervalSeconds == null && timeoutSeconds == null && maxConsecutiveFailures == null;
    }
}
