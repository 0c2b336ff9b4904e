package io.mlbj.core.proxy;

import io.mlbj.core.admin.BackendCounters;
import io.mlbj.core.admin.ProxyCounters;
import io.mlbj.core.pool.BackendPool;
import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.Server;
import io.netty.channel.EventLoop;

/**
 * What a client connection's requests would otherwise look up in shared maps on every request, kept from one
 * request to the next: the backend pool of the connection's event loop (fixed for its life), and the traffic
 * counters of its frontend and of the backend and server its last request went to, until the routing changes (a new
 * {@link RouteIndex}; counters of a frontend or backend that left the config are dropped only on a swap).
 * One per connection, confined to its event loop.
 */
final class ConnectionLookups {
    private final ForwardingContext context;
    private final EventLoop loop;
    private BackendPool pool;
    private RouteIndex countersIndex;
    private String frontendName;
    private ProxyCounters frontendCounters;
    private Backend backend;
    private BackendCounters backendCounters;
    private Server server;
    private ProxyCounters serverCounters;

    ConnectionLookups(ForwardingContext context, EventLoop loop) {
        this.context = context;
        this.loop = loop;
    }

    /** The backend pool of the connection's event loop. */
    BackendPool pool() {
        if (pool == null) {
            pool = context.pools().forLoop(loop);
        }
        return pool;
    }

    /** The counters of the frontend named {@code name} under {@code index}. */
    ProxyCounters frontend(RouteIndex index, String name) {
        forget(index);
        if (!name.equals(frontendName)) {
            frontendCounters = context.traffic().frontend(name);
            frontendName = name;
        }
        return frontendCounters;
    }

    /** The counters of {@code b} under {@code index}. */
    BackendCounters backend(RouteIndex index, Backend b) {
        forget(index);
        if (b != backend) {
            backendCounters = context.traffic().backend(b.name());
            backend = b;
            server = null;
            serverCounters = null;
        }
        return backendCounters;
    }

    /** The counters of server {@code s} of {@code b} under {@code index}. */
    ProxyCounters server(RouteIndex index, Backend b, Server s) {
        BackendCounters counters = backend(index, b);
        if (s != server) {
            serverCounters = counters.server(s.name());
            server = s;
        }
        return serverCounters;
    }

    // Counters looked up under another routing are looked up again.
    private void forget(RouteIndex index) {
        if (index != countersIndex) {
            countersIndex = index;
            frontendName = null;
            frontendCounters = null;
            backend = null;
            backendCounters = null;
            server = null;
            serverCounters = null;
        }
    }
}
