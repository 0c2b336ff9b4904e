package io.mlbj.core.pool;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.balance.ServerStatus;
import io.mlbj.core.routing.Server;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * The proxy's {@link ServerStatus}: requests or connections in progress per server (lock-free
 * counters keyed by the server's value, so they survive a routing swap), and whether a server is up as
 * the health checks say (every server, when there are none).
 */
public final class ServerConnectionCounts implements ServerStatus {
    private final ConcurrentHashMap<Server, AtomicInteger> active = new ConcurrentHashMap<>();
    private final Predicate<Server> up;
    private final ToIntFunction<Server> effectiveWeight;

    /** Counts with every server up. */
    public ServerConnectionCounts() {
        this(server -> true);
    }

    /** Counts with {@code up} answering {@link #isUp} (it must not lock or allocate: it runs per request). */
    public ServerConnectionCounts(Predicate<Server> up) {
        this(up, server -> up.test(server) ? server.weight() * WEIGHT_SCALE : 0);
    }

    /** Counts with {@code up} and {@code effectiveWeight} answering for the health checks (per request: no lock). */
    public ServerConnectionCounts(Predicate<Server> up, ToIntFunction<Server> effectiveWeight) {
        this.up = requireNonNull(up, "up");
        this.effectiveWeight = requireNonNull(effectiveWeight, "effectiveWeight");
    }

    @Override
    public int effectiveWeight(Server server) {
        return effectiveWeight.applyAsInt(server);
    }

    @Override
    public boolean isUp(Server server) {
        return up.test(server);
    }

    @Override
    public int activeConnections(Server server) {
        AtomicInteger n = active.get(server);
        return n == null ? 0 : n.get();
    }

    /** Counts one more exchange or connection on {@code server}. */
    public void increment(Server server) {
        AtomicInteger n = active.get(server);
        if (n == null) {
            n = active.computeIfAbsent(server, s -> new AtomicInteger());
        }
        n.incrementAndGet();
    }

    /** Counts one exchange or connection less on {@code server}. */
    public void decrement(Server server) {
        AtomicInteger n = active.get(server);
        if (n != null) {
            n.decrementAndGet();
        }
    }
}
