package io.mlbj.core.admin;

import io.mlbj.core.routing.Server;

/**
 * Optional extension of a {@link io.mlbj.core.balance.ServerStatus} (implemented by the health checker)
 * that lets the stats page show each server's last check result and when its state last changed.
 */
public interface ServerCheckView {
    /** HAProxy's check status text ({@code L4OK}, {@code L7OK}, {@code L4CON}, {@code L7STS}...), null when none yet. */
    String lastCheck(Server server);

    /** Seconds since the server last went up or down, -1 when unknown. */
    long secondsSinceChange(Server server);
}
