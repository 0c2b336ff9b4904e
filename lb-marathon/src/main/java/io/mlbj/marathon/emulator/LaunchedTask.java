package io.mlbj.marathon.emulator;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Where a launched task listens.
 *
 * @param host the agent host Marathon reports ({@code task.host})
 * @param ports the host ports ({@code task.ports}), one per port definition or mapping
 * @param ipAddress the task's own IP ({@code task.ipAddresses[0]})
 */
public record LaunchedTask(String host, List<Integer> ports, String ipAddress) {

    public LaunchedTask {
        requireNonNull(host, "host");
        requireNonNull(ipAddress, "ipAddress");
        ports = List.copyOf(requireNonNull(ports, "ports"));
        for (int port : ports) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("ports: " + port + " (expected: 1..65535)");
            }
        }
    }
}
