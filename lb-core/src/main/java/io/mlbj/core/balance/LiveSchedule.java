package io.mlbj.core.balance;

import io.mlbj.core.routing.Server;
import java.util.List;
import java.util.function.Function;

/**
 * A precomputed table of server indices (a round-robin cycle or a hash map) over the servers that may
 * take balanced traffic, rebuilt when their effective weights change (a server down or up, NOLB, a
 * {@code slowstart} step), as HAProxy rebuilds its trees and maps when a server changes state or weight.
 * Safe for any number of event loops without locks: the table is an immutable value behind one volatile
 * field, and a racing rebuild only repeats work.
 */
final class LiveSchedule {
    /** How often (in requests, a power of two) a table is checked against servers that came back up. */
    static final int RECHECK_MASK = 255;
    /** How long a table that holds a {@code slowstart} step is used before its weights are read again. */
    private static final long RAMP_RECHECK_NANOS = 500_000_000L;
    /** The largest weight handed to a table builder (HAProxy's user weight range). */
    private static final int MAX_BUILD_WEIGHT = 256;

    private final Server[] servers;
    private final boolean dynamic;
    private final Function<int[], int[]> builder;
    private volatile Table table;

    /**
     * The table built for one set of effective weights (0 = absent).
     *
     * @param ramping whether a weight is a {@code slowstart} step (below full, above 0)
     * @param builtNanos when it was built ({@link System#nanoTime()})
     */
    record Table(int[] weights, int[] order, boolean ramping, long builtNanos) {
    }

    /** A schedule of a dynamic algorithm (a {@code slowstart} ramp changes the weights). */
    LiveSchedule(List<Server> eligible, Function<int[], int[]> builder) {
        this(eligible, builder, true);
    }

    /**
     * @param eligible servers that are enabled and of weight above 0, in declaration order
     * @param builder turns per-server weights (0..256, 0 = absent) into a table of indices
     * @param dynamic whether weights follow {@code slowstart} (HAProxy's dynamic algorithms); a static one
     *     ({@code static-rr}, map-based hashing) only drops servers that take no balanced traffic
     */
    LiveSchedule(List<Server> eligible, Function<int[], int[]> builder, boolean dynamic) {
        this.servers = eligible.toArray(new Server[0]);
        this.dynamic = dynamic;
        int[] weights = new int[servers.length];
        for (int i = 0; i < servers.length; i++) {
            weights[i] = servers[i].weight() * ServerStatus.WEIGHT_SCALE;
        }
        this.builder = builder;
        this.table = build(weights);
    }

    /** The table in use, possibly stale by a health change not yet observed. */
    Table table() {
        return table;
    }

    /** The server at an index of a table's order. */
    Server server(int index) {
        return servers[index];
    }

    private int liveWeight(Server server, ServerStatus status) {
        int w = status.effectiveWeight(server);
        if (w <= 0) {
            return 0;
        }
        return dynamic ? w : server.weight() * ServerStatus.WEIGHT_SCALE;
    }

    /** The table for the effective weights now, rebuilt only when they changed. */
    Table refresh(ServerStatus status) {
        Table current = table;
        int[] live = null;
        for (int i = 0; i < servers.length; i++) {
            int w = liveWeight(servers[i], status);
            if (live == null && w != current.weights[i]) {
                live = new int[servers.length];
                System.arraycopy(current.weights, 0, live, 0, i);
            }
            if (live != null) {
                live[i] = w;
            }
        }
        if (live == null) {
            if (current.ramping()) {
                // Same step still: read the weights again half a second from now, not at every pick.
                table = new Table(current.weights(), current.order(), true, System.nanoTime());
            }
            return current;
        }
        Table rebuilt = build(live);
        table = rebuilt;
        return rebuilt;
    }

    private Table build(int[] weights) {
        boolean ramping = false;
        for (int i = 0; i < weights.length; i++) {
            ramping |= weights[i] > 0 && weights[i] < servers[i].weight() * ServerStatus.WEIGHT_SCALE;
        }
        return new Table(weights, builder.apply(fit(weights)), ramping, System.nanoTime());
    }

    /**
     * The weights reduced by their common divisor and, when still above 256 (a {@code slowstart} step of a
     * heavy server), scaled down to 1..256 keeping their ratios.
     */
    static int[] fit(int[] weights) {
        int gcd = 0;
        int max = 0;
        for (int w : weights) {
            gcd = FwrrSchedule.gcd(gcd, w);
            max = Math.max(max, w);
        }
        int[] fitted = new int[weights.length];
        if (gcd == 0) {
            return fitted;
        }
        max /= gcd;
        for (int i = 0; i < weights.length; i++) {
            int w = weights[i] / gcd;
            fitted[i] = max <= MAX_BUILD_WEIGHT || w == 0
                    ? w : (int) Math.max(1, ((long) w * MAX_BUILD_WEIGHT + max / 2) / max);
        }
        return fitted;
    }

    /**
     * The first server from {@code position} on in the table that takes balanced traffic and is not
     * {@code excluded}; {@code excluded} itself when it is the only one; null when there is none.
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
            } else if (status.effectiveWeight(candidate) > 0) {
                return candidate;
            }
        }
        return sawExcluded && status.effectiveWeight(excluded) > 0 ? excluded : null;
    }

    /** The server at {@code position}, validated against health; falls back to a scan when stale. */
    Server pick(long position, ServerStatus status, Server excluded, boolean recheck) {
        Table t = table;
        // A slowstart ramp moves with time, not with traffic: a quiet backend still follows its steps.
        if (recheck || (t.ramping() && System.nanoTime() - t.builtNanos() > RAMP_RECHECK_NANOS)) {
            t = refresh(status);
        }
        int length = t.order().length;
        if (length > 0) {
            Server candidate = servers[t.order()[(int) Long.remainderUnsigned(position, length)]];
            if (candidate != excluded && status.effectiveWeight(candidate) > 0) {
                return candidate;
            }
        }
        return scan(refresh(status), position, status, excluded);
    }
}
