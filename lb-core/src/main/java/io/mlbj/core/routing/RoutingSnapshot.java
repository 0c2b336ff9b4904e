package io.mlbj.core.routing;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the proxy needs to route, as one immutable value: frontends in config order, backends by
 * name, the config text it came from (served by {@code /_haproxy_getconfig}), the warnings found and the
 * {@code global maxconn}.
 *
 * @param maxConnections HAProxy's {@code global maxconn}: client connections over all frontends together;
 *     0 = not set (the proxy derives a limit from its file-descriptor limit, as HAProxy does)
 */
public record RoutingSnapshot(List<Frontend> frontends, Map<String, Backend> backends, String configText,
        List<ConfigWarning> warnings, int maxConnections) {

    /** A snapshot with nothing to serve. */
    public static final RoutingSnapshot EMPTY = new RoutingSnapshot(List.of(), Map.of(), "", List.of());

    public RoutingSnapshot {
        frontends = List.copyOf(requireNonNull(frontends, "frontends"));
        // Keep config order for the stats page; unmodifiable for sharing across event loops.
        backends = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(backends, "backends")));
        requireNonNull(configText, "configText");
        warnings = List.copyOf(requireNonNull(warnings, "warnings"));
        if (maxConnections < 0) {
            throw new IllegalArgumentException("maxConnections: " + maxConnections + " (expected: >= 0)");
        }
        for (Frontend f : frontends) {
            if (f.defaultBackend() != null && !backends.containsKey(f.defaultBackend())) {
                throw new IllegalArgumentException(
                        "frontend " + f.name() + ": default_backend " + f.defaultBackend() + " does not exist");
            }
        }
    }

    /** A snapshot without {@code global maxconn} (the limit derived from the file-descriptor limit applies). */
    public RoutingSnapshot(List<Frontend> frontends, Map<String, Backend> backends, String configText,
            List<ConfigWarning> warnings) {
        this(frontends, backends, configText, warnings, 0);
    }

    /** The backend of that name, or null. */
    public Backend backend(String name) {
        return name == null ? null : backends.get(name);
    }
}
