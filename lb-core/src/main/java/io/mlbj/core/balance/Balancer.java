package io.mlbj.core.balance;

import io.mlbj.core.routing.RequestView;
import io.mlbj.core.routing.Server;

/**
 * Picks a server of one backend for a request that is not bound to a server by a sticky cookie.
 * One instance per backend per routing snapshot, shared by every event loop, so implementations are
 * thread-safe and lock-free. Servers that are down, disabled (draining) or of weight 0 are never picked.
 */
public interface Balancer {
    /**
     * The chosen server, or null when no server is usable.
     *
     * @param excluded a server that just failed (for redispatch), never returned unless it is the only one; may be null
     */
    Server choose(RequestView request, ServerStatus status, Server excluded);
}
