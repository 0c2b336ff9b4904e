package io.mlbj.marathon.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** One task of an app ({@code tasks[]} of the embedded app list). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MarathonTask(
        String id,
        String appId,
        String host,
        String state,
        List<Integer> ports,
        List<TaskIpAddress> ipAddresses,
        List<HealthCheckResult> healthCheckResults,
        String startedAt) {

    public MarathonTask {
        ports = ports == null ? null : List.copyOf(ports);
        ipAddresses = ipAddresses == null ? null : List.copyOf(ipAddresses);
        healthCheckResults = healthCheckResults == null ? null : List.copyOf(healthCheckResults);
    }
}
