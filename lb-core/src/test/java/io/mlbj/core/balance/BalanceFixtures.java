package io.mlbj.core.balance;

import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.Balance;
import io.mlbj.core.routing.ProxyMode;
import io.mlbj.core.routing.RequestView;
import io.mlbj.core.routing.Server;
import io.mlbj.core.routing.Timeouts;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builders for backends, servers, requests and server states used by the balancer tests. */
final class BalanceFixtures {
    private BalanceFixtures() {
    }

    static Server server(String name, int weight) {
        return new Server(name, "127.0.0.1", 8000 + name.hashCode() % 1000 + 1000, 0, weight, null, false,
                null, null, 0);
    }

    static Server server(String name, int id, int weight, boolean disabled, int maxConnections) {
        return new Server(name, "127.0.0.1", 9000, id, weight, null, disabled, null, null, maxConnections);
    }

    static Backend backend(Balance balance, List<Server> servers) {
        return new Backend("be", ProxyMode.HTTP, balance, null, servers, false, false, true, 3, List.of(),
                List.of(), Timeouts.MARATHON_LB_DEFAULTS);
    }

    static Server backup(String name, int weight) {
        return new Server(name, "127.0.0.1", 9100 + name.hashCode() % 100 + 100, 0, weight, null, false, null, null, 0,
                true, java.time.Duration.ZERO);
    }

    static Backend backend(Balance balance, List<Server> servers, boolean allBackups) {
        return new Backend("be", ProxyMode.HTTP, balance, null, servers, false, false, true, 3, List.of(),
                List.of(), Timeouts.MARATHON_LB_DEFAULTS, allBackups);
    }

    static Backend backend(Balance.Algorithm algorithm, String argument, Server... servers) {
        return backend(new Balance(algorithm, argument), List.of(servers));
    }

    /** Servers named A, B, C, ... with the given weights. */
    static List<Server> weighted(int... weights) {
        Server[] servers = new Server[weights.length];
        for (int i = 0; i < weights.length; i++) {
            servers[i] = server(String.valueOf((char) ('A' + i)), weights[i]);
        }
        return List.of(servers);
    }

    /** The names of {@code count} successive choices, concatenated. */
    static String sequence(Balancer balancer, RequestView request, ServerStatus status, int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            Server s = balancer.choose(request, status, null);
            out.append(s == null ? "-" : s.name());
        }
        return out.toString();
    }

    static Request request() {
        return new Request("/", Map.of(), "10.0.0.1");
    }

    /** A request with a URI, headers (lower-case names) and a client address. */
    record Request(String uri, Map<String, String> headers, String client) implements RequestView {
        @Override
        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        @Override
        public String path() {
            int q = uri.indexOf('?');
            return q < 0 ? uri : uri.substring(0, q);
        }

        @Override
        public String sni() {
            return null;
        }

        @Override
        public boolean isTls() {
            return false;
        }

        @Override
        public InetAddress clientAddress() {
            try {
                return client == null ? null : InetAddress.getByName(client);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("client: " + client, e);
            }
        }

        @Override
        public int frontendPort() {
            return 80;
        }
    }

    /** Server states a test sets by hand. */
    static final class Status implements ServerStatus {
        final Set<String> down = new HashSet<>();
        final Map<String, Integer> connections = new HashMap<>();
        final Map<String, Integer> effective = new HashMap<>();

        /** The effective weight (1/16 units) of a server that is up: a slowstart step, or 0 for NOLB. */
        Status effective(String name, int weight) {
            effective.put(name, weight);
            return this;
        }

        Status down(String... names) {
            down.addAll(List.of(names));
            return this;
        }

        Status connections(String name, int count) {
            connections.put(name, count);
            return this;
        }

        @Override
        public boolean isUp(Server server) {
            return !down.contains(server.name());
        }

        @Override
        public int activeConnections(Server server) {
            return connections.getOrDefault(server.name(), 0);
        }

        @Override
        public int effectiveWeight(Server server) {
            if (!isUp(server)) {
                return 0;
            }
            return effective.getOrDefault(server.name(), server.weight() * WEIGHT_SCALE);
        }
    }
}
