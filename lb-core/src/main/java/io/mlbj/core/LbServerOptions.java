package io.mlbj.core;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.balance.Balancer;
import io.mlbj.core.balance.Balancers;
import io.mlbj.core.pool.ServerTlsHandlers;
import io.mlbj.core.proxy.FrontendTlsHandlers;
import io.mlbj.core.proxy.ServerPersistence;
import io.mlbj.core.proxy.StickyCookiePersistence;
import io.mlbj.core.routing.Backend;
import java.util.function.Function;

/**
 * What an {@link LbServer} plugs in: the balancer of each backend, TLS for frontends and servers, the
 * sticky-session hook, and the number of I/O threads (0 = Netty's default, twice the cores).
 */
public record LbServerOptions(
        Function<Backend, Balancer> balancers,
        FrontendTlsHandlers frontendTls,
        ServerTlsHandlers serverTls,
        ServerPersistence persistence,
        int ioThreads) {

    public LbServerOptions {
        requireNonNull(balancers, "balancers");
        requireNonNull(frontendTls, "frontendTls");
        requireNonNull(serverTls, "serverTls");
        requireNonNull(persistence, "persistence");
        if (ioThreads < 0) {
            throw new IllegalArgumentException("ioThreads: " + ioThreads + " (expected: >= 0)");
        }
    }

    /**
     * HAProxy's balancing algorithms ({@link Balancers#forBackend}), cookie persistence for every backend
     * with a {@code cookie} line ({@link StickyCookiePersistence}), no TLS, default threads.
     */
    public static LbServerOptions defaults() {
        return of(Balancers::forBackend).withPersistence(new StickyCookiePersistence());
    }

    /** Options with {@code balancers}, no TLS, no stickiness and default threads. */
    public static LbServerOptions of(Function<Backend, Balancer> balancers) {
        return new LbServerOptions(balancers, FrontendTlsHandlers.NONE, ServerTlsHandlers.NONE, ServerPersistence.NONE, 0);
    }

    /** These options with {@code n} I/O threads. */
    public LbServerOptions withIoThreads(int n) {
        return new LbServerOptions(balancers, frontendTls, serverTls, persistence, n);
    }

    /** These options with a sticky-session hook. */
    public LbServerOptions withPersistence(ServerPersistence p) {
        return new LbServerOptions(balancers, frontendTls, serverTls, p, ioThreads);
    }

    /** These options with {@code handlers} making the TLS handler of connections accepted on TLS binds. */
    public LbServerOptions withFrontendTls(FrontendTlsHandlers handlers) {
        return new LbServerOptions(balancers, handlers, serverTls, persistence, ioThreads);
    }

    /** These options with {@code handlers} making the TLS handler of connections to servers with {@code ssl}. */
    public LbServerOptions withServerTls(ServerTlsHandlers handlers) {
        return new LbServerOptions(balancers, frontendTls, handlers, persistence, ioThreads);
    }
}
