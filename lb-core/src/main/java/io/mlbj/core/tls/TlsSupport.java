package io.mlbj.core.tls;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.LbServerOptions;
import io.mlbj.core.pool.ServerTlsHandlers;
import io.mlbj.core.proxy.FrontendTlsHandlers;
import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.Frontend;
import io.mlbj.core.routing.FrontendTls;
import io.mlbj.core.routing.RoutingSnapshot;
import io.mlbj.core.routing.RoutingTable;
import io.mlbj.core.routing.Server;
import io.mlbj.core.routing.ServerTls;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All TLS of one proxy: the frontend certificates ({@link FrontendTlsRegistry}, watched on disk) and the
 * client contexts toward servers ({@link BackendTlsContexts}), with the two engine hooks. A routing
 * snapshot is {@link #prepare prepared} before it is swapped in, so a broken certificate rejects the
 * snapshot while the previous one stays in force; after a swap the settings no longer named are dropped.
 */
public final class TlsSupport implements AutoCloseable {
    /** How often certificate files are checked for changes unless told otherwise. */
    public static final Duration DEFAULT_WATCH_INTERVAL = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(TlsSupport.class);

    private final TlsProvider provider;
    private final FrontendTlsRegistry frontends;
    private final BackendTlsContexts servers;
    private final FrontendTlsHandlers frontendHandlers;
    private final ServerTlsHandlers serverHandlers;
    // Guarded by this: the settings of the snapshot in force (what a failed prepare falls back to).
    private Set<FrontendTls> frontendsInUse = Set.of();
    private Set<ServerTls> serversInUse = Set.of();
    private ScheduledExecutorService watcher;

    /** TLS with {@code provider} for both directions; nothing is loaded until {@link #prepare}. */
    public TlsSupport(TlsProvider provider) {
        this.provider = requireNonNull(provider, "provider");
        provider.requireAvailable();
        this.frontends = new FrontendTlsRegistry(provider);
        this.servers = new BackendTlsContexts(provider);
        this.frontendHandlers = (frontend, channel) -> frontends.newHandler(frontend.tls());
        this.serverHandlers = (server, channel) ->
                servers.newHandler(server.tls(), channel.alloc(), server.host(), server.port());
        log.info("TLS termination and server TLS use the {} provider", provider);
    }

    /** TLS with the provider a flag names ({@code auto}, {@code openssl}, {@code jdk}; null means auto). */
    public static TlsSupport forProviderName(String name) {
        return new TlsSupport(TlsProvider.fromName(name));
    }

    /** The provider of every context. */
    public TlsProvider provider() {
        return provider;
    }

    /** The engine hook making the TLS handler (SNI, then SSL) of each connection accepted on a TLS bind. */
    public FrontendTlsHandlers frontendHandlers() {
        return frontendHandlers;
    }

    /** The engine hook making the client {@code SslHandler} of each new connection to a server with {@code ssl}. */
    public ServerTlsHandlers serverHandlers() {
        return serverHandlers;
    }

    /** {@code options} with both hooks of this object installed. */
    public LbServerOptions applyTo(LbServerOptions options) {
        return options.withFrontendTls(frontendHandlers).withServerTls(serverHandlers);
    }

    /**
     * Loads every certificate and CA file {@code next} names (those already loaded are reused, after a
     * look for changes on disk) and fails before anything is swapped when one cannot be used.
     *
     * @throws TlsConfigException naming the frontend (or backend and server) and the file; the settings
     *     of the snapshot in force stay loaded
     */
    public synchronized void prepare(RoutingSnapshot next) {
        requireNonNull(next, "next");
        try {
            for (Frontend f : next.frontends()) {
                if (f.tls() != null) {
                    prepareFrontend(f);
                }
            }
            for (Backend b : next.backends().values()) {
                for (Server s : b.servers()) {
                    if (s.tls() != null) {
                        prepareServer(b, s);
                    }
                }
            }
        } catch (TlsConfigException e) {
            // Nothing of the rejected snapshot stays loaded beside what is in force.
            frontends.retainOnly(frontendsInUse);
            servers.retainOnly(serversInUse);
            throw e;
        }
    }

    private void prepareFrontend(Frontend f) {
        try {
            frontends.prepare(f.tls()).reloadIfChanged();
        } catch (TlsConfigException e) {
            throw new TlsConfigException("frontend " + f.name() + ": " + e.getMessage(), e);
        }
    }

    private void prepareServer(Backend b, Server s) {
        try {
            servers.forServer(s.tls());
        } catch (TlsConfigException e) {
            throw new TlsConfigException("backend " + b.name() + " server " + s.name() + ": " + e.getMessage(), e);
        }
    }

    /** Forgets the certificates and server contexts {@code inForce} no longer names; call it after a swap. */
    public synchronized void retainOnly(RoutingSnapshot inForce) {
        requireNonNull(inForce, "inForce");
        Set<FrontendTls> f = new HashSet<>();
        for (Frontend fe : inForce.frontends()) {
            if (fe.tls() != null) {
                f.add(fe.tls());
            }
        }
        Set<ServerTls> s = new HashSet<>();
        for (Backend b : inForce.backends().values()) {
            for (Server server : b.servers()) {
                if (server.tls() != null) {
                    s.add(server.tls());
                }
            }
        }
        frontendsInUse = Set.copyOf(f);
        serversInUse = Set.copyOf(s);
        frontends.retainOnly(frontendsInUse);
        servers.retainOnly(serversInUse);
    }

    /**
     * Prepares the snapshot in force in {@code table} and calls {@link #retainOnly} after each of its
     * swaps; the caller still calls {@link #prepare} before every {@link RoutingTable#swap}.
     *
     * @throws TlsConfigException when the snapshot in force names a file that cannot be used
     */
    public void follow(RoutingTable table) {
        requireNonNull(table, "table");
        RoutingSnapshot current = table.current();
        prepare(current);
        retainOnly(current);
        table.onSwap((previous, next) -> retainOnly(next));
    }

    /** Starts checking the certificate files every {@code interval} on a thread of its own (again: new interval). */
    public synchronized void watchFiles(Duration interval) {
        requireNonNull(interval, "interval");
        if (watcher == null) {
            watcher = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("tls-reload", true));
        }
        frontends.watch(watcher, interval);
        log.info("TLS certificate files checked for changes every {} ms", interval.toMillis());
    }

    /** Checks every certificate file now; the number of binds whose certificates were reloaded. */
    public int reloadChangedFiles() {
        return frontends.reloadAllIfChanged();
    }

    /** Stops the file check; open connections and handlers already made keep working. */
    @Override
    public synchronized void close() {
        frontends.close();
        if (watcher != null) {
            watcher.shutdownNow();
            watcher = null;
        }
    }
}
