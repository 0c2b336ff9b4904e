package io.mlbj.marathon.services;

import io.mlbj.marathon.model.DiscoveryPort;
import io.mlbj.marathon.model.MarathonApp;
import io.mlbj.marathon.model.MarathonTask;
import io.mlbj.marathon.model.PortDefinition;
import io.mlbj.marathon.model.PortMapping;
import io.mlbj.marathon.model.TaskIpAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** marathon-lb's task IP and port discovery ({@code utils.get_task_ip_and_ports} and helpers). */
public final class TaskAddressing {
    private TaskAddressing() {}

    /** The IP and ports of {@code task}, or empty when it has no IP (yet) or no ports. */
    public static Optional<TaskAddress> ipAndPorts(MarathonApp app, MarathonTask task, HostResolver resolver) {
        String mode = NetworkingMode.of(app);
        String ip = taskIp(task, mode, resolver);
        List<Integer> ports = taskPorts(app, task, mode);
        if (ip == null || ip.isEmpty() || ports.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TaskAddress(ip, ports));
    }

    /** The port mappings of the app: Docker's if non-empty, else the container's (Marathon 1.5+). */
    public static List<PortMapping> portMappings(MarathonApp app) {
        if (app.container() == null) {
            return List.of();
        }
        if (app.container().docker() != null && app.container().docker().portMappings() != null
                && !app.container().docker().portMappings().isEmpty()) {
            return app.container().docker().portMappings();
        }
        return app.container().portMappings() == null ? List.of() : app.container().portMappings();
    }

    /** The task ports used for servers, by networking mode (see marathon-lb's {@code get_app_task_ports}). */
    public static List<Integer> taskPorts(MarathonApp app, MarathonTask task, String mode) {
        List<Integer> taskPorts = task.ports() == null ? List.of() : nonNull(task.ports());
        if (mode.equals(NetworkingMode.HOST)) {
            return !taskPorts.isEmpty() ? taskPorts : portDefinitionPorts(app);
        }
        if (mode.equals(NetworkingMode.BRIDGE)) {
            if (!taskPorts.isEmpty()) {
                return taskPorts;
            }
            List<Integer> defs = portDefinitionPorts(app);
            return !defs.isEmpty() ? defs : containerPorts(app);
        }
        List<Integer> discovery = discoveryPorts(app);
        return !discovery.isEmpty() ? discovery : containerPorts(app);
    }

    private static String taskIp(MarathonTask task, String mode, HostResolver resolver) {
        if (mode.equals(NetworkingMode.CONTAINER)) {
            List<TaskIpAddress> ips = task.ipAddresses();
            if (ips == null || ips.isEmpty() || ips.get(0) == null) {
                return null;
            }
            return ips.get(0).ipAddress();
        }
        if (task.host() == null || task.host().isEmpty()) {
            return null;
        }
        return resolver.resolve(task.host());
    }

    private static List<Integer> portDefinitionPorts(MarathonApp app) {
        List<Integer> out = new ArrayList<>();
        if (app.portDefinitions() != null) {
            for (PortDefinition d : app.portDefinitions()) {
                if (d != null && d.port() != null) {
                    out.add(d.port());
                }
            }
        }
        return out;
    }

    private static List<Integer> discoveryPorts(MarathonApp app) {
        List<Integer> out = new ArrayList<>();
        if (app.ipAddress() == null || !app.ipAddress().present() || app.ipAddress().discovery() == null
                || app.ipAddress().discovery().ports() == null) {
            return out;
        }
        for (DiscoveryPort p : app.ipAddress().discovery().ports()) {
            if (p != null && p.number() != null) {
                out.add(p.number());
            }
        }
        return out;
    }

    private static List<Integer> containerPorts(MarathonApp app) {
        List<Integer> out = new ArrayList<>();
        for (PortMapping m : portMappings(app)) {
            if (m != null && m.containerPort() != null) {
                out.add(m.containerPort());
            }
        }
        return out;
    }

    private static List<Integer> nonNull(List<Integer> ports) {
        List<Integer> out = new ArrayList<>(ports.size());
        for (Integer p : ports) {
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }
}
