package io.mlbj.core.proxy;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.accesslog.AccessLog;
import io.mlbj.core.admin.TrafficStats;
import io.mlbj.core.pool.BackendPools;
import io.mlbj.core.pool.ServerConnectionCounts;

/**
 * What every client connection's handlers share: the routes in force (with each backend's balancer and
 * sticky sessions), the backend pools, the per-server connection counts, the traffic counters and the
 * built-in services of {@code use-service} rules and where finished requests are logged. One per
 * {@code LbServer}.
 */
public record ForwardingContext(
        LiveRoutes routes, BackendPools pools, ServerConnectionCounts counts, TrafficStats traffic,
        LocalServices services, AccessLog accessLog) {
    public ForwardingContext {
        requireNonNull(routes, "routes");
        requireNonNull(pools, "pools");
        requireNonNull(counts, "counts");
        requireNonNull(traffic, "traffic");
        requireNonNull(services, "services");
        requireNonNull(accessLog, "accessLog");
    }

    /** A context that logs no requests. */
    public ForwardingContext(LiveRoutes routes, BackendPools pools, ServerConnectionCounts counts, TrafficStats traffic,
            LocalServices services) {
        this(routes, pools, counts, traffic, services, AccessLog.OFF);
    }

    /** A context whose counters are published nowhere and with no built-in services. */
    public ForwardingContext(LiveRoutes routes, BackendPools pools, ServerConnectionCounts counts) {
        this(routes, pools, counts, TrafficStats.unpublished(), LocalServices.NONE);
    }
}
