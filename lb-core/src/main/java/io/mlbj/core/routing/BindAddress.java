package io.mlbj.core.routing;

import static java.util.Objects.requireNonNull;

/**
 * One listening address of a frontend: {@code host} is an IP literal, a host name, or {@code "*"}/""
 * for every local address; {@code port} is 0..65535 (0 asks the OS for a free port, used by tests).
 */
public record BindAddress(String host, int port) {
    public BindAddress {
        requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
        }
    }

    /** True when this binds every local address ({@code *}, empty, {@code 0.0.0.0} or {@code ::}). */
    public boolean isWildcard() {
        return host.isEmpty() || host.equals("*") || host.equals("0.0.0.0") || host.equals("::");
    }
}
