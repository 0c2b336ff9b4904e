package io.mlbj.core;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.Frontend;
import io.mlbj.core.routing.RoutingSnapshot;
import io.mlbj.core.routing.Server;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a config change did to routing, by name: frontends and backends added or removed, servers
 * ({@code backend/server}) added, removed or changed (address, weight, cookie, disabled, TLS, check).
 */
public record ConfigDiff(
        List<String> frontendsAdded,
        List<String> frontendsRemoved,
        List<String> backendsAdded,
        List<String> backendsRemoved,
        List<String> serversAdded,
        List<String> serversRemoved,
        List<String> serversChanged) {

    /** No change. */
    public static final ConfigDiff NONE = new ConfigDiff(List.of(), List.of(), List.of(), List.of(), List.of(),
            List.of(), List.of());

    public ConfigDiff {
        frontendsAdded = List.copyOf(requireNonNull(frontendsAdded, "frontendsAdded"));
        frontendsRemoved = List.copyOf(requireNonNull(frontendsRemoved, "frontendsRemoved"));
        backendsAdded = List.copyOf(requireNonNull(backendsAdded, "backendsAdded"));
        backendsRemoved = List.copyOf(requireNonNull(backendsRemoved, "backendsRemoved"));
        serversAdded = List.copyOf(requireNonNull(serversAdded, "serversAdded"));
        serversRemoved = List.copyOf(requireNonNull(serversRemoved, "serversRemoved"));
        serversChanged = List.copyOf(requireNonNull(serversChanged, "serversChanged"));
    }

    /** The differences from {@code previous} to {@code next}, each list in config order. */
    public static ConfigDiff between(RoutingSnapshot previous, RoutingSnapshot next) {
        requireNonNull(previous, "previous");
        requireNonNull(next, "next");
        Set<String> oldFrontends = frontendNames(previous);
        Set<String> newFrontends = frontendNames(next);
        Map<String, Server> oldServers = servers(previous);
        Map<String, Server> newServers = servers(next);
        List<String> changed = new ArrayList<>();
        newServers.forEach((key, server) -> {
            Server before = oldServers.get(key);
            if (before != null && !before.equals(server)) {
                changed.add(key);
            }
        });
        return new ConfigDiff(
                minus(newFrontends, oldFrontends), minus(oldFrontends, newFrontends),
                minus(next.backends().keySet(), previous.backends().keySet()),
                minus(previous.backends().keySet(), next.backends().keySet()),
                minus(newServers.keySet(), oldServers.keySet()), minus(oldServers.keySet(), newServers.keySet()),
                changed);
    }

    /** True when nothing was added, removed or changed. */
    public boolean isEmpty() {
        return frontendsAdded.isEmpty() && frontendsRemoved.isEmpty() && backendsAdded.isEmpty()
                && backendsRemoved.isEmpty() && serversAdded.isEmpty() && serversRemoved.isEmpty()
                && serversChanged.isEmpty();
    }

    /** The counts for a log line, e.g. {@code frontends +1 -0, backends +2 -1, servers +3 -2 ~1}. */
    public String summary() {
        return "frontends +" + frontendsAdded.size() + " -" + frontendsRemoved.size()
                + ", backends +" + backendsAdded.size() + " -" + backendsRemoved.size()
                + ", servers +" + serversAdded.size() + " -" + serversRemoved.size() + " ~" + serversChanged.size();
    }

    private static Set<String> frontendNames(RoutingSnapshot s) {
        Set<String> names = new LinkedHashSet<>();
        for (Frontend f : s.frontends()) {
            names.add(f.name());
        }
        return names;
    }

    private static Map<String, Server> servers(RoutingSnapshot s) {
        Map<String, Server> out = new LinkedHashMap<>();
        for (Backend b : s.backends().values()) {
            for (Server server : b.servers()) {
                out.put(b.name() + "/" + server.name(), server);
            }
        }
        return out;
    }

    private static List<String> minus(Set<String> a, Set<String> b) {
        List<String> out = new ArrayList<>();
        for (String x : a) {
            if (!b.contains(x)) {
                out.add(x);
            }
        }
        return out;
    }
}
