package io.mlbj.core.admin;

import io.mlbj.core.routing.Server;

/**
 * What the stats page shows of a server's active checks: its last check result and when its state last
 * changed ({@link HealthCheckColumns} reads them from the health checker).
 */
public interface ServerCheckView {
    /** HAProxy's check status text ({@code L4OK}, {@code L7OK}, {@code L4CON}, {@code L7STS}...), null when none yet. */
    String lastCheck(String backend, Server server);

    /** Seconds since the server last went up or down, -1 when unknown. */
    long secondsSinceChange(String backend, Server server);
}
