package io.mlbj.core.admin;

import io.mlbj.core.balance.ServerStatus;
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
 * Builds the stats lines in HAProxy's order: per proxy (config order, a {@code listen} being one
 * proxy) its FRONTEND line, then its servers, then its BACKEND line.
 */
public final class StatsRows {
    private StatsRows() {}

    /** The lines for {@code snapshot} with the counters of {@code traffic} and the server states of {@code status}. */
    public static List<StatsRow> collect(RoutingSnapshot snapshot, TrafficStats traffic, ServerStatus status) {
        return collect(snapshot, traffic, status, null);
    }

    /** The rows, with the check columns from {@code checks} (null: no check results to show). */
    public static List<StatsRow> collect(RoutingSnapshot snapshot, TrafficStats traffic, ServerStatus status,
            ServerCheckView checks) {
        Map<String, Frontend> frontends = new LinkedHashMap<>();
        for (Frontend f : snapshot.frontends()) {
            // Binds of one frontend with different TLS settings are separate records with the same name.
            frontends.merge(f.name(), f, (a, b) -> a);
        }
        Set<String> names = new LinkedHashSet<>(frontends.keySet());
        names.addAll(snapshot.backends().keySet());
        List<StatsRow> rows = new ArrayList<>();
        int iid = 0;
        for (String name : names) {
            iid++;
            Frontend fe = frontends.get(name);
            if (fe != null) {
                rows.add(new StatsRow(name, "FRONTEND", StatsRow.Type.FRONTEND, traffic.existingFrontend(name), "OPEN",
                        iid, 0, -1, null, -1, 0, fe.maxConnections(), false, null, -1, null));
            }
            Backend be = snapshot.backend(name);
            if (be != null) {
                addBackend(rows, be, iid, traffic.existingBackend(name), status, checks);
            }
        }
        return rows;
    }

    private static void addBackend(List<StatsRow> rows, Backend be, int iid, BackendCounters counters, ServerStatus status,
            ServerCheckView checks) {
        int sid = 0;
        int activeWeight = 0;
        int backupWeight = 0;
        int usable = 0;
        int usableBackups = 0;
        long active = 0;
        for (Server s : be.servers()) {
            sid++;
            String st = serverStatus(s, status);
            boolean up = st.equals("UP") || st.equals("no check");
            // HAProxy shows the weight in force: a slowstart ramp, 0 when down (user scale, rounded up).
            int weight = up ? (Math.max(0, status.effectiveWeight(s)) + ServerStatus.WEIGHT_SCALE - 1)
                    / ServerStatus.WEIGHT_SCALE : s.weight();
            if (up && s.backup()) {
                usableBackups++;
                backupWeight += weight;
            } else if (up) {
                usable++;
                activeWeight += weight;
            }
            long conns = status.activeConnections(s);
            active += conns;
            ProxyCounters c = counters == null ? null : counters.existingServer(s.name());
            rows.add(new StatsRow(be.name(), s.name(), StatsRow.Type.SERVER, c, st, iid, sid, weight, s.cookie(),
                    up && !s.backup() ? 1 : 0, conns, s.maxConnections(), s.check() != null,
                    checks == null ? null : checks.lastCheck(be.name(), s),
                    checks == null ? -1 : checks.secondsSinceChange(be.name(), s), null, s.backup() ? 1 : 0));
        }
        // As HAProxy's tot_weight: the active servers' weight, else the backups' when none is usable.
        int weight = usable > 0 ? activeWeight : backupWeight;
        rows.add(new StatsRow(be.name(), "BACKEND", StatsRow.Type.BACKEND, counters == null ? null : counters.totals(),
                usable + usableBackups > 0 ? "UP" : "DOWN", iid, 0, weight, null, usable, active, 0, false, null, -1,
                counters, usableBackups));
    }

    /**
     * HAProxy's status text: MAINT for {@code disabled} servers, DOWN when health checks say so, DRAIN for
     * weight 0, NOLB for an up server that takes no balanced traffic ({@code http-check disable-on-404}),
     * "no check" for unchecked servers (as HAProxy prints), else UP.
     */
    public static String serverStatus(Server s, ServerStatus status) {
        if (s.disabled()) {
            return "MAINT";
        }
        if (!status.isUp(s)) {
            return "DOWN";
        }
        if (s.weight() == 0) {
            return "DRAIN";
        }
        if (status.effectiveWeight(s) <= 0) {
            return "NOLB";
        }
        return s.check() == null ? "no check" : "UP";
    }
}
