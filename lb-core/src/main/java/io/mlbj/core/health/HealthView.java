package io.mlbj.core.health;

import io.mlbj.core.routing.Server;

/** Read-only access to the health of every checked server (for the stats page, admin endpoints and metrics). */
public interface HealthView {
    /** The health of {@code server} in {@code backend}, or null when it is not checked. */
    ServerHealthView server(String backend, Server server);

    /** How many servers are checked now. */
    int checkedServers();
}
