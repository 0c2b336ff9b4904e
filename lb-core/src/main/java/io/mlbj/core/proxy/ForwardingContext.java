package io.mlbj.core.proxy;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.pool.BackendPools;
import io.mlbj.core.pool.ServerConnectionCounts;

/**
 * What every client connection's handlers share: the routes in force, the backend pools, the
 * per-server connection counts and the sticky-session hook. One per {@code LbServer}.
 */
public record ForwardingContext(
        LiveRoutes routes, BackendPools pools, ServerConnectionCounts counts, ServerPersistence persistence) {
    public ForwardingContext {
        requireNonNull(routes, "routes");
        requireNonNull(pools, "pools");
        requireNonNull(counts, "counts");
        requireNonNull(persistence, "persistence");
    }
}
