package io.mlbj.core.proxy;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.balance.Balancer;
import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.RoutingSnapshot;
import io.mlbj.core.routing.RoutingTable;
import java.util.function.Function;

/**
 * The {@link RouteIndex} in force, kept in step with a {@link RoutingTable}: handlers read
 * {@link #current()} once per request (one volatile read).
 */
public final class LiveRoutes {
    private final Function<Backend, Balancer> balancerFactory;
    private final ServerPersistence persistence;
    private volatile RouteIndex current;
    // The index built ahead of a swap by prepare(); published by that swap instead of being built twice.
    private volatile RouteIndex prepared;

    /** Follows {@code table} without stickiness: the index is rebuilt on the swapping thread after every swap. */
    public LiveRoutes(RoutingTable table, Function<Backend, Balancer> balancerFactory) {
        this(table, balancerFactory, ServerPersistence.NONE);
    }

    /**
     * Follows {@code table}: the index, with each backend's balancer and sticky sessions, is rebuilt on
     * the swapping thread after every swap.
     */
    public LiveRoutes(RoutingTable table, Function<Backend, Balancer> balancerFactory, ServerPersistence persistence) {
        requireNonNull(table, "table");
        this.balancerFactory = requireNonNull(balancerFactory, "balancerFactory");
        this.persistence = requireNonNull(persistence, "persistence");
        // Swaps hold the table's monitor, so none can slip between the first index and the subscription.
        synchronized (table) {
            this.current = new RouteIndex(table.current(), balancerFactory, persistence);
            table.onSwap((previous, next) -> publish(next));
        }
    }

    /** The index in force. */
    public RouteIndex current() {
        return current;
    }

    /**
     * Builds the index of {@code next} before it is swapped in, so that a backend the balancers or the
     * sticky-session codecs reject fails here ({@link IllegalArgumentException}) and not inside the swap.
     */
    public void prepare(RoutingSnapshot next) {
        prepared = new RouteIndex(requireNonNull(next, "next"), balancerFactory, persistence);
    }

    private void publish(RoutingSnapshot next) {
        RouteIndex ready = prepared;
        prepared = null;
        current = ready != null && ready.snapshot() == next ? ready : new RouteIndex(next, balancerFactory, persistence);
    }
}
