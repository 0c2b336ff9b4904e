package io.mlbj.core.proxy;

import io.mlbj.core.LbServer;
import io.mlbj.core.LbServerOptions;
import io.mlbj.core.haproxy.ConfigException;
import io.mlbj.core.haproxy.ConfigInterpreter;
import io.mlbj.core.haproxy.MapFileReader;
import io.mlbj.core.routing.BindAddress;
import io.mlbj.core.routing.RoutingSnapshot;
import io.mlbj.core.routing.RoutingTable;
import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * haproxy.cfg text for sticky end-to-end tests, shaped like marathon-lb's output (its defaults, one
 * frontend, one backend whose servers carry marathon-lb's cookie values), and the proxy serving it.
 */
final class StickyConfig {
    /** The frontend's bind in every config made here. */
    static final BindAddress BIND = new BindAddress("127.0.0.1", 0);

    private StickyConfig() {}

    /**
     * A config whose backend {@code app} balances {@code servers} round robin with {@code cookieLine}.
     *
     * @param serverClose whether to add marathon-lb's {@code option http-server-close}
     */
    static String text(String cookieLine, boolean serverClose, List<SessionBackend> servers) {
        return text(cookieLine, serverClose, servers, Set.of());
    }

    /** As {@link #text(String, boolean, List)}, with the servers of {@code draining} marked {@code disabled}. */
    static String text(String cookieLine, boolean serverClose, List<SessionBackend> servers, Set<String> draining) {
        StringBuilder t = new StringBuilder("""
                global
                  maxconn 50000
                defaults
                  mode http
                  retries 3
                  timeout connect 3s
                  timeout client 30s
                  timeout server 30s
                  timeout http-keep-alive 30s
                  timeout http-request 15s
                  option redispatch
                """);
        if (serverClose) {
            t.append("  option http-server-close\n");
        }
        t.append("""
                frontend sticky_in
                  bind 127.0.0.1:0
                  mode http
                  default_backend app
                backend app
                  balance roundrobin
                  mode http
                """);
        t.append("  ").append(cookieLine).append('\n');
        for (SessionBackend s : servers) {
            t.append("  server ").append(s.serverName()).append(" 127.0.0.1:").append(s.port()).append(" cookie ")
                    .append(s.cookieValue()).append(draining.contains(s.name()) ? " disabled\n" : "\n");
        }
        return t.toString();
    }

    /** {@code text} interpreted as the runtime does (strict: anything unsupported fails the test). */
    static RoutingSnapshot snapshot(String text) throws ConfigException {
        return new ConfigInterpreter(MapFileReader.NONE, true).interpret(text, "sticky.cfg");
    }

    /** A started proxy with the default options (sticky cookies on) following {@code table}. */
    static LbServer start(RoutingTable table) {
        return new LbServer(table, LbServerOptions.defaults().withIoThreads(2)).start();
    }

    /** The URI of {@code path} on the frontend of {@code lb}. */
    static URI uri(LbServer lb, String path) {
        return URI.create("http://127.0.0.1:" + lb.boundAddress(BIND).getPort() + path);
    }
}
