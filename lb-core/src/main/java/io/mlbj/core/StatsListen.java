package io.mlbj.core;

import io.mlbj.core.haproxy.ConfigException;
import io.mlbj.core.haproxy.ConfigInterpreter;
import io.mlbj.core.haproxy.MapFileReader;
import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.Frontend;
import io.mlbj.core.routing.RoutingSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * marathon-lb's {@code listen stats} section (the stats page, {@code /metrics} and the admin endpoints of
 * its {@code HAPROXY_HEAD} template) for {@code lb-core --stats-port N}, added to a hand-written config
 * that has no {@code stats} proxy of its own.
 */
final class StatsListen {
    /** The name of the added proxy; a config that already has a proxy of this name keeps its own. */
    static final String NAME = "stats";
    private static final String SOURCE = "<--stats-port>";

    private StatsListen() {}

    /** marathon-lb's {@code listen stats} text bound to {@code port} on every address. */
    static String text(int port) {
        return "listen " + NAME + "\n"
                + "  bind 0.0.0.0:" + port + "\n"
                + "  balance\n"
                + "  mode http\n"
                + "  stats enable\n"
                + "  http-request use-service prometheus-exporter if { path /metrics }\n"
                + "  monitor-uri /_haproxy_health_check\n"
                + "  acl getpid path /_haproxy_getpids\n"
                + "  http-request use-service lua.getpids if getpid\n"
                + "  acl getvhostmap path /_haproxy_getvhostmap\n"
                + "  http-request use-service lua.getvhostmap if getvhostmap\n"
                + "  acl getappmap path /_haproxy_getappmap\n"
                + "  http-request use-service lua.getappmap if getappmap\n"
                + "  acl getconfig path /_haproxy_getconfig\n"
                + "  http-request use-service lua.getconfig if getconfig\n"
                + "  acl signalmlbhup path /_mlb_signal/hup\n"
                + "  http-request use-service lua.signalmlbhup if signalmlbhup\n"
                + "  acl signalmlbusr1 path /_mlb_signal/usr1\n"
                + "  http-request use-service lua.signalmlbusr1 if signalmlbusr1\n";
    }

    /**
     * {@code config} with the stats section on {@code port} added, unless it has a proxy named
     * {@code stats} already; the config text (served by {@code /_haproxy_getconfig}) stays the user's.
     */
    static RoutingSnapshot addTo(RoutingSnapshot config, int port) {
        boolean present = config.backends().containsKey(NAME)
                || config.frontends().stream().anyMatch(f -> f.name().equals(NAME));
        if (present) {
            return config;
        }
        RoutingSnapshot stats;
        try {
            stats = new ConfigInterpreter(MapFileReader.NONE, false).interpret(text(port), SOURCE);
        } catch (ConfigException e) {
            throw new IllegalStateException("the built-in stats section does not interpret: " + e.getMessage(), e);
        }
        List<Frontend> frontends = new ArrayList<>(config.frontends());
        frontends.addAll(stats.frontends());
        Map<String, Backend> backends = new LinkedHashMap<>(config.backends());
        backends.putAll(stats.backends());
        return new RoutingSnapshot(frontends, backends, config.configText(), config.warnings(),
                config.maxConnections());
    }
}
