package io.mlbj.core.tls;

import io.mlbj.core.LbServer;
import io.mlbj.core.LbServerOptions;
import io.mlbj.core.haproxy.ConfigException;
import io.mlbj.core.haproxy.ConfigInterpreter;
import io.mlbj.core.haproxy.MapFileReader;
import io.mlbj.core.routing.Frontend;
import io.mlbj.core.routing.RoutingSnapshot;
import io.mlbj.core.routing.RoutingTable;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A real {@link LbServer} with {@link TlsSupport} installed, fed with HAProxy config text the way the
 * runtime does it: interpret, {@link TlsSupport#prepare}, swap (cleanup runs after the swap).
 */
final class TlsProxy implements AutoCloseable {
    /** marathon-lb's global TLS settings and defaults (HAPROXY_HEAD), timeouts made generous for tests. */
    static final String HEAD = """
            global
              ssl-default-bind-ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES128-SHA256:ECDHE-RSA-AES128-SHA256:ECDHE-ECDSA-AES256-SHA384:ECDHE-RSA-AES256-SHA384:DHE-RSA-AES128-SHA256:DHE-RSA-AES256-SHA256:AES128-GCM-SHA256:AES256-GCM-SHA384:AES128-SHA256:AES256-SHA256:!aNULL:!MD5:!DSS
              ssl-default-bind-options no-sslv3 no-tlsv10 no-tls-tickets
            defaults
              retries                   3
              timeout connect          3s
              timeout client          30s
              timeout server          30s
              timeout tunnel        3600s
              timeout http-keep-alive 10s
              timeout http-request    15s
              option            redispatch
            """;

    final TlsSupport tls;
    final RoutingTable table;
    final LbServer server;

    private TlsProxy(TlsSupport tls, RoutingTable table, LbServer server) {
        this.tls = tls;
        this.table = table;
        this.server = server;
    }

    /** Interprets {@code config}, prepares its TLS and starts a server on it with {@code provider}. */
    static TlsProxy start(TlsProvider provider, String config) throws ConfigException {
        TlsSupport tls = new TlsSupport(provider);
        RoutingTable table = new RoutingTable(interpret(config));
        tls.follow(table);
        LbServer server = new LbServer(table, tls.applyTo(LbServerOptions.defaults().withIoThreads(2))).start();
        return new TlsProxy(tls, table, server);
    }

    static RoutingSnapshot interpret(String config) throws ConfigException {
        return new ConfigInterpreter(MapFileReader.NONE, false).interpret(config, "test.cfg");
    }

    /** What the runtime does with new config text: prepare (may throw), then swap. */
    void apply(String config) throws ConfigException {
        RoutingSnapshot next = interpret(config);
        tls.prepare(next);
        table.swap(next);
    }

    /** The port the (first) bind of frontend {@code name} listens on. */
    int port(String name) {
        return address(name).getPort();
    }

    /**
     * The address the (first) bind of frontend {@code name} listens on. Binds with port 0 on the same
     * host are one listener, so each frontend of a test config has its own loopback address (127.0.0.N).
     */
    InetSocketAddress address(String name) {
        Frontend f = table.current().frontends().stream().filter(x -> x.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no frontend " + name));
        return server.boundAddress(f.binds().get(0));
    }

    @Override
    public void close() {
        server.close(Duration.ofSeconds(1));
        tls.close();
    }
}
