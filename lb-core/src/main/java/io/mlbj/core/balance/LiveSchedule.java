package io.mlbj.core.balance;

import io.mlbj.core.routing.Server;
import java.util.List;
import java.util.function.Function;

/**
 * A precomputed table of server indices (a round-robin cycle or a hash map) over the servers that may
 * take balanced traffic, rebuilt for the servers that are up when health changes, as HAProxy rebuilds
 * its trees and maps when a server changes state. Safe for any number of event loops without locks:
 * the table is an immutable value behind one volatile field, and a racing rebuild only repeats work.
 */
final class LiveSchedule {
    /** How often (in requests, a power of two) a table is checked against servers that came back up. */
    static final int RECHECK_MASK = 255;

    private final Server[] servers;
    private final int[] weights;
    private final Function<int[], int[]> builder;
    private volatile Table table;

    /** The table built for one set of up servers. */
    record Table(boolean[] up, int[] order) {
    }

    /**
     * @param eligible servers that are enabled and of weight above 0, in declaration order
     * @param builder turns per-server weights (0 = absent) into a table of indices
     */
    LiveSchedule(List<Server> eligible, Function<int[], int[]> builder) {
        this.servers = eligible.toArray(new Server[0]);
        this.weights = new int[servers.length];
        boolean[] up = new boolean[servers.length];
        for (int i = 0; i < servers.length; i++) {
            weights[i] = servers[i].weight();
            up[i] = true;
        }
        this.builder = builder;
        this.table = new Table(up, builder.apply(weights.clone()));
    }

    /** The table in use, possibly stale by a health change not yet observed. */
    Table table() {
        return table;
    }

    /** The server at an index of a table's order. */
    Server server(int index) {
        return servers[index];
    }

    /** The table for the servers up now, rebuilt only when that set changed. */
    Table refresh(ServerStatus status) {
        Table current = table;
        boolean[] up = null;
        for (int i = 0; i < servers.length; i++) {
            boolean isUp = status.isUp(servers[i]);
            if (isUp != current.up[i]) {
                up = new boolean[servers.length];
                break;
            }
        }
        if (up == null) {
            return current;
        }
        int[] liveWeights = new int[servers.length];
        for (int i = 0; i < servers.length; i++) {
            up[i] = status.isUp(servers[i]);
            liveWeights[i] = up[i] ? weights[i] : 0;
        }
        Table rebuilt = new Table(up, builder.apply(liveWeights));
        table = rebuilt;
        return rebuilt;
    }

    /**
     * The first server from {@code position} on in the table that is up and not {@code excluded};
     * {@code excluded} itself when it is the only one up; null when none is up.
     */
    Server scan(Table t, long position, ServerStatus status, Server excluded) {
        int length = t.order().length;
        if (length == 0) {
            return null;
        }
        int start = (int) Long.remainderUnsigned(position, length);
        boolean sawExcluded = false;
        for (int i = 0; i < length; i++) {
            int at = start + i;
            Server candidate = servers[t.order()[at >= length ? at - length : at]];
            if (candidate == excluded) {
                sawExcluded = true;
            } else if (status.isUp(candidate)) {
                return candidate;
            }
        }
        return sawExcluded && status.isUp(excluded) ? excluded : null;
    }

    /** The server at {@code position}, validated against health; falls back to a scan when stale. */
    Server pick(long position, ServerStatus status, Server excluded, boolean recheck) {
        Table t = recheck ? refresh(status) : table;
        int length = t.order().length;
        if (length > 0) {
            Server candidate = servers[t.order()[(int) Long.remainderUnsigned(position, length)]];
            if (candidate != excluded && status.isUp(candidate)) {
                return candidate;
            }
        }
        return scan(refresh(status), position, status, excluded);
    }
}
