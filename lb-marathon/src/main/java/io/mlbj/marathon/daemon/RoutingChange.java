package io.mlbj.marathon.daemon;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.RoutingSnapshot;
import io.mlbj.core.routing.Server;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one config change added and removed: apps (Marathon ids), backends (names) and servers
 * ({@code backend/server host:port}); its {@link #logLine} is the daemon's one log line per change.
 */
public record RoutingChange(
        List<String> appsAdded, List<String> appsRemoved,
        List<String> backendsAdded, List<String> backendsRemoved,
        List<String> serversAdded, List<String> serversRemoved) {

    public RoutingChange {
        appsAdded = List.copyOf(requireNonNull(appsAdded, "appsAdded"));
        appsRemoved = List.copyOf(requireNonNull(appsRemoved, "appsRemoved"));
        backendsAdded = List.copyOf(requireNonNull(backendsAdded, "backendsAdded"));
        backendsRemoved = List.copyOf(requireNonNull(backendsRemoved, "backendsRemoved"));
        serversAdded = List.copyOf(requireNonNull(serversAdded, "serversAdded"));
        serversRemoved = List.copyOf(requireNonNull(serversRemoved, "serversRemoved"));
    }

    /** The difference between two states: app ids and the live snapshots before and after. */
    public static RoutingChange between(Collection<String> appsBefore, RoutingSnapshot before,
            Collection<String> appsAfter, RoutingSnapshot after) {
        Set<String> backendsBefore = before.backends().keySet();
        Set<String> backendsAfter = after.backends().keySet();
        Set<String> serversBefore = servers(before);
        Set<String> serversAfter = servers(after);
        return new RoutingChange(minus(appsAfter, appsBefore), minus(appsBefore, appsAfter),
                minus(backendsAfter, backendsBefore), minus(backendsBefore, backendsAfter),
                minus(serversAfter, serversBefore), minus(serversBefore, serversAfter));
    }

    /** One line: counts and names of what was added and removed, and the time the sync took. */
    public String logLine(Duration took) {
        return "config changed in " + took.toMillis() + " ms: apps " + part(appsAdded, appsRemoved)
                + "; backends " + part(backendsAdded, backendsRemoved)
                + "; servers " + part(serversAdded, serversRemoved);
    }

    private static String part(List<String> added, List<String> removed) {
        StringBuilder sb = new StringBuilder("+").append(added.size()).append(" -").append(removed.size());
        if (!added.isEmpty() || !removed.isEmpty()) {
            List<String> names = new ArrayList<>();
            added.stream().limit(5).forEach(n -> names.add("+" + n));
            removed.stream().limit(5).forEach(n -> names.add("-" + n));
            int hidden = added.size() + removed.size() - names.size();
            sb.append(" (").append(String.join(" ", names)).append(hidden > 0 ? " and " + hidden + " more" : "")
                    .append(')');
        }
        return sb.toString();
    }

    private static Set<String> servers(RoutingSnapshot snapshot) {
        Set<String> out = new LinkedHashSet<>();
        for (Backend b : snapshot.backends().values()) {
            for (Server s : b.servers()) {
                out.add(b.name() + "/" + s.name() + " " + s.host() + ":" + s.port());
            }
        }
        return out;
    }

    private static List<String> minus(Collection<String> a, Collection<String> b) {
        Set<String> drop = Set.copyOf(b);
        return a.stream().filter(x -> !drop.contains(x)).distinct().toList();
    }
}
