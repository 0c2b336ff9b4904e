package io.mlbj.core.proxy;

import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.Balance;
import io.mlbj.core.routing.BindAddress;
import io.mlbj.core.routing.Frontend;
import io.mlbj.core.routing.HttpRule;
import io.mlbj.core.routing.ProxyMode;
import io.mlbj.core.routing.RouteRule;
import io.mlbj.core.routing.RoutingSnapshot;
import io.mlbj.core.routing.Server;
import io.mlbj.core.routing.Timeouts;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builders of routing values for engine tests. */
public final class Fixtures {
    /** Short timeouts: connect 1 s, client 5 s, server 500 ms, http-request 500 ms, keep-alive 2 s, tunnel 10 s. */
    public static final Timeouts SHORT = new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(10),
            Duration.ofSeconds(5), Duration.ofSeconds(5));
    /** Generous timeouts for tests that must not time out. */
    public static final Timeouts LONG = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(30),
            Duration.ofSeconds(30), Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofSeconds(30),
            Duration.ofSeconds(30), Duration.ofSeconds(5));

    private Fixtures() {}

    public static BindAddress localPort0() {
        return new BindAddress("127.0.0.1", 0);
    }

    public static Server server(String name, int port) {
        return new Server(name, "127.0.0.1", port, 0, 1, null, false, null, null, 0);
    }

    public static Server server(String name, int port, int weight) {
        return new Server(name, "127.0.0.1", port, 0, weight, null, false, null, null, 0);
    }

    public static Backend backend(String name, Timeouts t, Server... servers) {
        return backend(name, ProxyMode.HTTP, t, false, List.of(), servers);
    }

    public static Backend backend(String name, ProxyMode mode, Timeouts t, boolean serverClose,
            List<HttpRule> requestRules, Server... servers) {
        return new Backend(name, mode, Balance.ROUNDROBIN, null, Arrays.asList(servers), true, serverClose, true, 3,
                requestRules, List.of(), t);
    }

    public static Frontend frontend(String name, BindAddress bind, ProxyMode mode, String defaultBackend, Timeouts t,
            List<RouteRule> rules, List<HttpRule> requestRules) {
        return new Frontend(name, List.of(bind), mode, null, rules, defaultBackend, requestRules, List.of(), t, 0, false);
    }

    public static Frontend httpFrontend(BindAddress bind, String defaultBackend, Timeouts t) {
        return frontend("fe", bind, ProxyMode.HTTP, defaultBackend, t, List.of(), List.of());
    }

    public static RoutingSnapshot snapshot(List<Frontend> frontends, Backend... backends) {
        Map<String, Backend> m = new LinkedHashMap<>();
        for (Backend b : backends) {
            m.put(b.name(), b);
        }
        return new RoutingSnapshot(frontends, m, "", List.of());
    }
}
