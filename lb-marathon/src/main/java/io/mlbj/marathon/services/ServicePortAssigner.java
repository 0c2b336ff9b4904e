package io.mlbj.marathon.services;

import io.mlbj.marathon.model.MarathonApp;
import io.mlbj.marathon.model.PortDefinition;
import io.mlbj.marathon.model.PortMapping;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Service ports of an app, auto-assigning deterministic ports from a range to IP-per-task apps that have none
 * (marathon-lb's {@code ServicePortAssigner}). One instance per regeneration: the assignments start empty.
 */
public final class ServicePortAssigner {
    private static final int MAX_CLASHES = 50;

    private final int minPort;
    private final int maxPort;
    private final boolean canAssign;
    private final Map<String, Integer> portsByAppAndTaskPort = new HashMap<>();
    private final Set<Integer> assigned = new HashSet<>();

    /** Assigns from {@code minPort..maxPort}; both 0 disables auto-assignment. */
    public ServicePortAssigner(int minPort, int maxPort) {
        if (maxPort < minPort) {
            throw new IllegalArgumentException("maxPort: " + maxPort + " (expected: >= minPort " + minPort + ")");
        }
        this.minPort = minPort;
        this.maxPort = maxPort;
        this.canAssign = minPort != 0 && maxPort != 0;
    }

    /** An assigner that never assigns (the range was never configured). */
    public static ServicePortAssigner disabled() {
        return new ServicePortAssigner(0, 0);
    }

    /** The service ports of {@code app} in port-index order; an element is {@code null} when the range is exhausted. */
    public List<Integer> servicePorts(MarathonApp app) {
        String mode = NetworkingMode.of(app);
        if (mode.equals(NetworkingMode.CONTAINER) || mode.equals(NetworkingMode.BRIDGE)) {
            List<PortMapping> mappings = TaskAddressing.portMappings(app);
            List<Integer> ports = new ArrayList<>();
            for (PortMapping m : mappings) {
                if (m != null && m.servicePort() != null) {
                    ports.add(m.servicePort());
                }
            }
            if (!ports.isEmpty()) {
                return ports;
            }
        }
        List<Integer> ports = new ArrayList<>();
        if (app.portDefinitions() != null) {
            for (PortDefinition d : app.portDefinitions()) {
                if (d != null && d.port() != null) {
                    ports.add(d.port());
                }
            }
        } else if (app.ports() != null) {
            for (Integer p : app.ports()) {
                if (p != null) {
                    ports.add(p);
                }
            }
        }
        if (ports.isEmpty() && mode.equals(NetworkingMode.CONTAINER) && canAssign && !app.tasks().isEmpty()) {
            List<Integer> taskPorts = TaskAddressing.taskPorts(app, app.tasks().get(0), mode);
            List<Integer> out = new ArrayList<>();
            for (int taskPort : taskPorts) {
                out.add(servicePort(app.id(), taskPort));
            }
            return out;
        }
        return ports;
    }

    private Integer servicePort(String appId, int taskPort) {
        String key = appId + '\u0000' + taskPort;
        Integer port = portsByAppAndTaskPort.get(key);
        if (port == null) {
            port = assignNew(appId, taskPort);
        }
        portsByAppAndTaskPort.put(key, port);
        if (port != null) {
            assigned.add(port);
        }
        return port;
    }

    private Integer assignNew(String appId, int taskPort) {
        int maxPorts = maxPort - minPort + 1;
        if (maxPorts <= portsByAppAndTaskPort.size()) {
            return null;
        }
        for (int i = 0; i < MAX_CLASHES; i++) {
            String hex = sha1Hex(appId + "-" + taskPort + "-" + i);
            long hash = Long.parseLong(hex.substring(0, 8), 16);
            int trial = minPort + (int) (hash % maxPorts);
            if (!assigned.contains(trial)) {
                return trial;
            }
        }
        for (int port = minPort; port <= maxPort; port++) {
            if (!assigned.contains(port)) {
                return port;
            }
        }
        return null;
    }

    static String sha1Hex(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JVM", e);
        }
    }
}
