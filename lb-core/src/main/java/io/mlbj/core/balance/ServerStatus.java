package io.mlbj.core.balance;

import io.mlbj.core.routing.Server;

/**
 * The live state of servers that balancing needs (owned by the proxy and health checker, read here):
 * whether a server may take new balanced traffic, and how many connections it serves now.
 * Implementations must be safe to call from any event loop.
 */
public interface ServerStatus {
    /** HAProxy's {@code BE_WEIGHT_SCALE}: an effective weight is a server's weight times this at full strength. */
    int WEIGHT_SCALE = 16;

    /** Every server is up with no connections: for pure tests and a proxy without health checks. */
    ServerStatus ALL_UP = new ServerStatus() {
        @Override
        public boolean isUp(Server server) {
            return true;
        }

        @Override
        public int activeConnections(Server server) {
            return 0;
        }
    };

    /** Whether health checks consider the server up (a server without checks is always up). */
    boolean isUp(Server server);

    /** Requests or connections currently in progress on the server (for {@code leastconn}). */
    int activeConnections(Server server);

    /**
     * The weight balancing gives {@code server} now, in units of 1/{@link #WEIGHT_SCALE} of a configured weight:
     * 0 when it takes no new balanced traffic (down, or NOLB after {@code http-check disable-on-404}), less than
     * {@code weight * WEIGHT_SCALE} while {@code slowstart} ramps it up after a recovery.
     */
    default int effectiveWeight(Server server) {
        return isUp(server) ? server.weight() * WEIGHT_SCALE : 0;
    }
}
