package io.mlbj.core.pool;

import io.mlbj.core.balance.ServerStatus;
import io.mlbj.core.routing.Server;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The proxy's {@link ServerStatus}: requests or connections in progress per server (lock-free
 * counters keyed by the server's value, so they survive a routing swap), every server up until a
 * health checker exists.
 */
public final class ServerConnectionCounts implements ServerStatus {
    private final ConcurrentHashMap<Server, AtomicInteger> active = new ConcurrentHashMap<>();

    @Override
    public boolean isUp(Server server) {
        return true;
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
