package io.mlbj.marathon.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * One Marathon app as returned by {@code GET /v2/apps?embed=apps.tasks} (Marathon 1.4 and 1.5+ shapes);
 * a {@code null} field means the key was absent (marathon-lb drops every null-valued key first).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MarathonApp(
        String id,
        Map<String, String> labels,
        Integer instances,
        List<Integer> ports,
        List<PortDefinition> portDefinitions,
        Container container,
        IpAddress ipAddress,
        List<Network> networks,
        List<HealthCheck> healthChecks,
        List<MarathonTask> tasks,
        VersionInfo versionInfo) {

    public MarathonApp {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
        ports = ports == null ? null : List.copyOf(ports);
        portDefinitions = portDefinitions == null ? null : List.copyOf(portDefinitions);
        networks = networks == null ? null : List.copyOf(networks);
        healthChecks = healthChecks == null ? null : List.copyOf(healthChecks);
    }

    /** A copy of this app with another id and task list (used by the blue/green merge). */
    public MarathonApp withIdAndTasks(String newId, List<MarathonTask> newTasks) {
        return new MarathonApp(newId, labels, instances, ports, portDefinitions, container, ipAddress,
                networks, healthChecks, newTasks, versionInfo);
    }

    /** True if the app declares at least one Marathon health check. */
    public boolean hasHealthChecks() {
        return healthChecks != null && !healthChecks.isEmpty();
    }
}
