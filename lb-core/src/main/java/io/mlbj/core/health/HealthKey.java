package io.mlbj.core.health;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.routing.Server;

/**
 * What identifies a checked server across routing swaps, as HAProxy's server-state file does: the
 * backend's name, the server's name and its address. A server whose weight, flags or check settings
 * change keeps its health state.
 */
public record HealthKey(String backend, String server, String host, int port) {
    public HealthKey {
        requireNonNull(backend, "backend");
        requireNonNull(server, "server");
        requireNonNull(host, "host");
    }

    /** The key of {@code server} in the backend named {@code backend}. */
    public static HealthKey of(String backend, Server server) {
        return new HealthKey(backend, server.name(), server.host(), server.port());
    }
}
