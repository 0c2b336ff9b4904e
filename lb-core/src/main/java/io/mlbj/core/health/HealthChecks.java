package io.mlbj.core.health;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.balance.ServerStatus;
import io.mlbj.core.pool.ServerTlsHandlers;
import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.RoutingSnapshot;
import io.mlbj.core.routing.Server;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Active health checks of every server with {@code check} in the routing snapshot in force. Each
 * {@link #apply} (at start and after each routing swap) starts checks of new servers, hands changed
 * settings to servers it already checks (their state is kept, keyed by {@link HealthKey}) and stops the
 * checks of servers that are gone. {@link #isUp} is the forwarding path's question: lock-free, no
 * allocation. Checks of one server run on one event loop of the given group.
 */
public final class HealthChecks implements HealthView, AutoCloseable {
    private final EventLoopGroup loops;
    private final Class<? extends Channel> channelType;
    private final ServerTlsHandlers tls;
    // Guarded by `this`: changed by apply and close only.
    private final Map<HealthKey, CheckedServer> byKey = new HashMap<>();
    private boolean closed;
    /** The value of an unchecked server in {@link Lookup#byIdentity}. */
    private static final Object NOT_CHECKED = new Object();
    // Rebuilt by each apply, never changed after publication: read without a lock.
    private volatile Lookup lookup = new Lookup(new IdentityHashMap<>(), Map.of());
    private volatile Map<HealthKey, CheckResults> published = Map.of();

    /**
     * The forwarding path's index: the snapshot's own server records by identity (no record hash per
     * request), and by value for records of an older snapshot still in use by requests in flight.
     */
    private record Lookup(IdentityHashMap<Server, Object> byIdentity, Map<Server, CheckResults> byValue) {
    }

    private final CheckListener listener;

    /** Checks whose connections are {@code channelType} channels on {@code loops}, TLS from {@code tls}. */
    public HealthChecks(EventLoopGroup loops, Class<? extends Channel> channelType, ServerTlsHandlers tls) {
        this(loops, channelType, tls, CheckListener.NONE);
    }

    /** Checks as above, telling {@code listener} of every result. */
    public HealthChecks(EventLoopGroup loops, Class<? extends Channel> channelType, ServerTlsHandlers tls,
            CheckListener listener) {
        this.listener = requireNonNull(listener, "listener");
        this.loops = requireNonNull(loops, "loops");
        this.channelType = requireNonNull(channelType, "channelType");
        this.tls = requireNonNull(tls, "tls");
    }

    /** Checks the servers of {@code snapshot}: starts new ones, updates changed ones, stops removed ones. */
    public synchronized void apply(RoutingSnapshot snapshot) {
        requireNonNull(snapshot, "snapshot");
        if (closed) {
            return;
        }
        Map<HealthKey, CheckedServer> next = new HashMap<>();
        Map<Server, CheckResults> servers = new HashMap<>();
        IdentityHashMap<Server, Object> identities = new IdentityHashMap<>();
        Map<HealthKey, CheckResults> views = new HashMap<>();
        for (Backend b : snapshot.backends().values()) {
            for (Server s : b.servers()) {
                if (!checkable(s)) {
                    identities.putIfAbsent(s, NOT_CHECKED);
                    continue;
                }
                HealthKey key = HealthKey.of(b.name(), s);
                if (next.containsKey(key)) {
                    continue;
                }
                CheckedServer c = byKey.remove(key);
                if (c == null) {
                    c = new CheckedServer(key, s, loops.next(), channelType, tls, listener);
                    c.begin();
                } else {
                    c.update(s);
                }
                next.put(key, c);
                views.put(key, c.results());
                // An identical server line in two backends: both ask the first one's checks.
                servers.putIfAbsent(s, c.results());
                identities.put(s, servers.get(s));
            }
        }
        lookup = new Lookup(identities, servers);
        published = views;
        for (CheckedServer gone : byKey.values()) {
            gone.end();
        }
        byKey.clear();
        byKey.putAll(next);
    }

    private static boolean checkable(Server s) {
        // In-process (abns@) servers have no port to check.
        return s.check() != null && !s.host().startsWith("abns@");
    }

    /** Whether checks consider {@code server} up; a server without checks is always up. */
    public boolean isUp(Server server) {
        Lookup l = lookup;
        Object v = l.byIdentity().get(server);
        if (v == null) {
            CheckResults c = l.byValue().get(server);
            return c == null || c.isUp();
        }
        return v == NOT_CHECKED || ((CheckResults) v).isUp();
    }

    /**
     * The weight balancing gives {@code server} now (1/16 units, see {@code ServerStatus.effectiveWeight}): 0
     * when it is down or NOLB, ramped by {@code slowstart} after a recovery; lock-free, no allocation.
     */
    public int effectiveWeight(Server server) {
        Lookup l = lookup;
        Object v = l.byIdentity().get(server);
        CheckResults c = v == null ? l.byValue().get(server) : v == NOT_CHECKED ? null : (CheckResults) v;
        return c == null ? server.weight() * ServerStatus.WEIGHT_SCALE : c.effectiveWeight(server);
    }

    @Override
    public ServerHealthView server(String backend, Server server) {
        return published.get(HealthKey.of(backend, server));
    }

    @Override
    public int checkedServers() {
        return published.size();
    }

    /** Stops every check and waits (up to 5 s, off the event loops) until the connections in flight are closed. */
    @Override
    public void close() {
        List<Future<?>> stopping = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            lookup = new Lookup(new IdentityHashMap<>(), Map.of());
            published = Map.of();
            for (CheckedServer c : byKey.values()) {
                stopping.add(c.end());
            }
            byKey.clear();
        }
        for (EventExecutor e : loops) {
            if (e.inEventLoop()) {
                return;
            }
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (Future<?> f : stopping) {
            f.awaitUninterruptibly(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }
}
