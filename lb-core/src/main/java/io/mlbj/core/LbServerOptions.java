package io.mlbj.core;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.accesslog.AccessLog;
import io.mlbj.core.admin.AdminOptions;
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
 * sticky-session hook, the number of I/O threads (0 = Netty's default, twice the cores) and the admin
 * endpoints' hooks and signal restriction, and where requests of frontends with {@code option httplog} are
 * logged ({@link AccessLog#toSlf4j()} by default, {@link AccessLog#OFF} to switch the access log off).
 */
public record LbServerOptions(
        Function<Backend, Balancer> balancers,
        FrontendTlsHandlers frontendTls,
        ServerTlsHandlers serverTls,
        ServerPersistence persistence,
        int ioThreads,
        AdminOptions admin,
        AccessLog accessLog) {

    public LbServerOptions {
        requireNonNull(balancers, "balancers");
        requireNonNull(frontendTls, "frontendTls");
        requireNonNull(serverTls, "serverTls");
        requireNonNull(persistence, "persistence");
        requireNonNull(admin, "admin");
        requireNonNull(accessLog, "accessLog");
        if (ioThreads < 0) {
            throw new IllegalArgumentException("ioThreads: " + ioThreads + " (expected: >= 0)");
        }
    }

    /** Options without admin hooks (signals re-apply the routing in force, open to everyone). */
    public LbServerOptions(Function<Backend, Balancer> balancers, FrontendTlsHandlers frontendTls,
            ServerTlsHandlers serverTls, ServerPersistence persistence, int ioThreads) {
        this(balancers, frontendTls, serverTls, persistence, ioThreads, AdminOptions.DEFAULTS);
    }

    /** Options that log requests to the {@code access} logger. */
    public LbServerOptions(Function<Backend, Balancer> balancers, FrontendTlsHandlers frontendTls,
            ServerTlsHandlers serverTls, ServerPersistence persistence, int ioThreads, AdminOptions admin) {
        this(balancers, frontendTls, serverTls, persistence, ioThreads, admin, AccessLog.toSlf4j());
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
        return new LbServerOptions(balancers, frontendTls, serverTls, persistence, n, admin, accessLog);
    }

    /** These options with a sticky-session hook. */
    public LbServerOptions withPersistence(ServerPersistence p) {
        return new LbServerOptions(balancers, frontendTls, serverTls, p, ioThreads, admin, accessLog);
    }

    /** These options with the admin endpoints' hooks and signal restriction. */
    public LbServerOptions withAdmin(AdminOptions a) {
        return new LbServerOptions(balancers, frontendTls, serverTls, persistence, ioThreads, a, accessLog);
    }

    /** These options with {@code handlers} making the TLS handler of connections accepted on TLS binds. */
    public LbServerOptions withFrontendTls(FrontendTlsHandlers handlers) {
        return new LbServerOptions(balancers, handlers, serverTls, persistence, ioThreads, admin, accessLog);
    }

    /** These options with {@code handlers} making the TLS handler of connections to servers with {@code ssl}. */
    public LbServerOptions withServerTls(ServerTlsHandlers handlers) {
        return new LbServerOptions(balancers, frontendTls, handlers, persistence, ioThreads, admin, accessLog);
    }

    /** These options with requests logged to {@code log} ({@link AccessLog#OFF}: not logged). */
    public LbServerOptions withAccessLog(AccessLog log) {
        return new LbServerOptions(balancers, frontendTls, serverTls, persistence, ioThreads, admin, log);
    }
}
