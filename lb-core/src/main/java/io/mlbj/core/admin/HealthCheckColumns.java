package io.mlbj.core.admin;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.health.HealthView;
import io.mlbj.core.health.ServerHealthView;
import io.mlbj.core.routing.Server;

/** The stats page's check columns read from the health checker. */
public final class HealthCheckColumns implements ServerCheckView {
    private final HealthView health;

    public HealthCheckColumns(HealthView health) {
        this.health = requireNonNull(health, "health");
    }

    @Override
    public String lastCheck(String backend, Server server) {
        ServerHealthView h = health.server(backend, server);
        return h == null ? null : h.lastCheckText();
    }

    @Override
    public long secondsSinceChange(String backend, Server server) {
        ServerHealthView h = health.server(backend, server);
        return h == null ? -1 : Math.max(0, (System.currentTimeMillis() - h.lastChangeMillis()) / 1000);
    }
}
