package io.mlbj.core;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.accesslog.AccessLog;
import io.mlbj.core.haproxy.ConfigException;
import io.mlbj.core.haproxy.ConfigInterpreter;
import io.mlbj.core.haproxy.ConfigParser;
import io.mlbj.core.haproxy.HaproxyConfig;
import io.mlbj.core.haproxy.MapFileReader;
import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.BindAddress;
import io.mlbj.core.routing.ConfigWarning;
import io.mlbj.core.routing.Frontend;
import io.mlbj.core.routing.RoutingSnapshot;
import io.mlbj.core.routing.RoutingTable;
import io.mlbj.core.tls.TlsConfigException;
import io.mlbj.core.tls.TlsSupport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live load balancer fed with haproxy.cfg text: each {@link #apply} parses and interprets the text,
 * loads its certificates, builds its balancers and binds its new addresses, and only then swaps it in;
 * whatever fails leaves the config in force serving. Owns the {@link LbServer}, its
 * {@link RoutingTable} and the {@link TlsSupport}; used by {@code lb-core.jar} and the Marathon daemon.
 */
public final class LoadBalancer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LoadBalancer.class);

    private final LoadBalancerSettings settings;
    private final RoutingTable table;
    private final TlsSupport tls;
    private final LbServer server;
    // Guarded by this: the map files the config in force read, with what they held (an unchanged text
    // with unchanged maps is a no-op).
    private Map<String, Optional<String>> mapsInForce = Map.of();
    private boolean closed;

    private LoadBalancer(LoadBalancerSettings settings, RoutingTable table, TlsSupport tls, LbServer server) {
        this.settings = settings;
        this.table = table;
        this.tls = tls;
        this.server = server;
    }

    /**
     * Starts the event loops and TLS support with nothing to serve; the first {@link #apply} opens the
     * listeners.
     *
     * @throws io.mlbj.core.tls.TlsConfigException when the TLS provider named in the settings is unknown
     *     or cannot be loaded
     */
    public static LoadBalancer start(LoadBalancerSettings settings) {
        return start(settings, AccessLog.toSlf4j());
    }

    /**
     * As {@link #start(LoadBalancerSettings)}, with the requests of frontends that have {@code option httplog}
     * logged to {@code accessLog} ({@link AccessLog#OFF}: the access log is switched off).
     */
    public static LoadBalancer start(LoadBalancerSettings settings, AccessLog accessLog) {
        requireNonNull(settings, "settings");
        requireNonNull(accessLog, "accessLog");
        RoutingTable table = new RoutingTable(RoutingSnapshot.EMPTY);
        TlsSupport tls = TlsSupport.forProviderName(settings.tlsProvider());
        try {
            tls.follow(table);
            if (!settings.certificateCheckInterval().isZero()) {
                tls.watchFiles(settings.certificateCheckInterval());
            }
            // One loop per core, as HAProxy's nbthread: Netty's two per core measured 3,071 against 4,011
            // req/s with one per core on 2 cores (context switches; docs/performance.md).
            int threads = settings.ioThreads() == 0 ? Runtime.getRuntime().availableProcessors() : settings.ioThreads();
            LbServerOptions options = tls.applyTo(
                    LbServerOptions.defaults().withIoThreads(threads).withAdmin(settings.admin()).withAccessLog(accessLog));
            LbServer server = new LbServer(table, options).start();
            log.info("load balancer started ({} I/O, TLS provider {}, server connections {})", server.transportName(),
                    tls.provider(), settings.serverPooling() ? "pooled" : "closed after each request");
            return new LoadBalancer(settings, table, tls, server);
        } catch (RuntimeException e) {
            tls.close();
            throw e;
        }
    }

    /**
     * Makes {@code configText} the config in force, unless it and the map files it reads are the same as
     * the config in force (then nothing happens and the result says unchanged).
     *
     * @param sourceName the name of the config in messages (its file)
     * @param maps the map files the config names ({@link MapFileReader#fromDisk()} for a config on disk)
     * @throws ConfigException with every problem ({@code file:line}) when the config cannot be served:
     *     a syntax or interpretation error, a certificate or CA file that cannot be loaded, a backend
     *     the engine rejects, an address that cannot be bound; the previous config keeps serving
     */
    public synchronized ApplyResult apply(String configText, String sourceName, MapFileReader maps)
            throws ConfigException {
        requireNonNull(configText, "configText");
        requireNonNull(sourceName, "sourceName");
        requireNonNull(maps, "maps");
        long began = System.nanoTime();
        if (closed) {
            throw new IllegalStateException("closed");
        }
        RoutingSnapshot previous = table.current();
        if (previous != RoutingSnapshot.EMPTY && previous.configText().equals(configText) && sameMaps(maps)) {
            return new ApplyResult(false, sourceName, previous.warnings(), since(began), ConfigDiff.NONE);
        }
        Map<String, Optional<String>> read = new LinkedHashMap<>();
        HaproxyConfig parsed;
        RoutingSnapshot next;
        try {
            parsed = ConfigParser.parse(configText, sourceName);
            next = new ConfigInterpreter(recording(maps, read), settings.strictConfig()).interpret(parsed, configText);
        } catch (RuntimeException e) {
            log.error("config {}: unexpected failure while interpreting it", sourceName, e);
            throw rejected(new ConfigWarning(sourceName, 0, "cannot interpret the config: " + e));
        }
        // Pooling on: even `option http-server-close` backends reuse server connections (DESIGN.md's
        // deliberate difference: marathon-lb's templates say it only to make HAProxy behave); off: none do.
        next = withPooling(next, settings.serverPooling());
        if (settings.statsPort().isPresent()) {
            next = StatsListen.addTo(next, settings.statsPort().getAsInt());
        }
        ConfigLocations locations = new ConfigLocations(parsed, sourceName);
        try {
            tls.prepare(next);
        } catch (TlsConfigException e) {
            throw rejected(locations.of(e.getMessage()));
        }
        try {
            server.prepare(next);
        } catch (BindFailedException e) {
            tls.retainOnly(previous);
            throw rejected(locations.ofBind(e.bind(), e.getMessage()));
        } catch (IllegalArgumentException e) {
            tls.retainOnly(previous);
            throw rejected(locations.of(e.getMessage()));
        }
        table.swap(next);
        mapsInForce = Map.copyOf(read);
        return new ApplyResult(true, sourceName, next.warnings(), since(began), ConfigDiff.between(previous, next));
    }

    /** The routing snapshot in force ({@link RoutingSnapshot#EMPTY} before the first successful apply). */
    public RoutingSnapshot current() {
        return table.current();
    }

    /** The table the snapshot in force is read from (for listeners of swaps such as the admin endpoints). */
    public RoutingTable routingTable() {
        return table;
    }

    /** The proxy server (its transport, per-server counts, listeners). */
    public LbServer server() {
        return server;
    }

    /** The settings this load balancer was started with. */
    public LoadBalancerSettings settings() {
        return settings;
    }

    /** The address really bound for {@code bind} (its real port when it asked for port 0), or null. */
    public InetSocketAddress boundAddress(BindAddress bind) {
        return server.boundAddress(requireNonNull(bind, "bind"));
    }

    /** The address really bound for the first bind of the frontend named {@code frontend}, or null. */
    public InetSocketAddress boundAddress(String frontend) {
        requireNonNull(frontend, "frontend");
        for (Frontend f : table.current().frontends()) {
            if (f.name().equals(frontend) && !f.binds().isEmpty()) {
                return server.boundAddress(f.binds().get(0));
            }
        }
        return null;
    }

    /** Stops accepting, lets requests in progress finish for up to {@code drain}, then closes everything. */
    public void close(Duration drain) {
        requireNonNull(drain, "drain");
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        server.close(drain);
        tls.close();
    }

    /** {@link #close(Duration)} with the settings' drain timeout. */
    @Override
    public void close() {
        close(settings.drainTimeout());
    }

    private boolean sameMaps(MapFileReader maps) {
        for (Map.Entry<String, Optional<String>> e : mapsInForce.entrySet()) {
            try {
                if (!maps.read(e.getKey()).equals(e.getValue())) {
                    return false;
                }
            } catch (IOException ex) {
                return false;
            }
        }
        return true;
    }

    /** {@code maps}, noting each file read and what it held into {@code read}. */
    private static MapFileReader recording(MapFileReader maps, Map<String, Optional<String>> read) {
        return path -> {
            Optional<String> content = maps.read(path);
            read.put(path, content);
            return content;
        };
    }

    /** Every backend as with {@code option http-server-close}: the engine then pools no server connection. */
    private static RoutingSnapshot withPooling(RoutingSnapshot s, boolean pooling) {
        boolean serverClose = !pooling;
        Map<String, Backend> backends = new LinkedHashMap<>();
        s.backends().forEach((name, b) -> backends.put(name, b.serverClose() == serverClose ? b
                : new Backend(b.name(), b.mode(), b.balance(), b.cookie(), b.servers(), b.forwardFor(), serverClose,
                        b.redispatch(), b.retries(), b.requestRules(), b.responseRules(), b.timeouts(),
                        b.allBackups())));
        return new RoutingSnapshot(s.frontends(), backends, s.configText(), s.warnings(), s.maxConnections());
    }

    private static ConfigException rejected(ConfigWarning problem) {
        return new ConfigException(List.of(problem));
    }

    private static Duration since(long began) {
        return Duration.ofNanos(System.nanoTime() - began);
    }
}
