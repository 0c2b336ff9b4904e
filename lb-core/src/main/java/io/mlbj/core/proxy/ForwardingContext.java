package io.mlbj.core.proxy;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.pool.BackendPools;
import io.mlbj.core.pool.ServerConnectionCounts;

/**
 * What every client connection's handlers share: the routes in force (with each backend's balancer and
 * sticky sessions), the backend pools and the per-server connection counts. One per {@code LbServer}.
 */
public record ForwardingContext(LiveRoutes routes, BackendPools pools, ServerConnectionCounts counts) {
    public ForwardingContext {
        requireNonNull(routes, "routes");
        requireNonNull(pools, "pools");
        requireNonNull(counts, "counts");
    }
}
