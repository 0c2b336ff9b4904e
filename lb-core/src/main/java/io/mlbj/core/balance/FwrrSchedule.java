package io.mlbj.core.balance;

import java.util.Comparator;
import java.util.TreeSet;

/**
 * HAProxy's "fast weighted round robin" ({@code src/lb_fwrr.c}) replayed once to produce the order in
 * which {@code balance roundrobin} visits servers, so the hot path only walks an array.
 *
 * <p>The model reproduces every order observed on HAProxy 2.0 and 2.8 (3:1 gives A A A B, 2:1 gives
 * A A B, 4:2:1 gives A A B A C A B). HAProxy's very first cycle after start may differ from the
 * following ones by a warm-up pick of the heaviest server; the schedule is the steady-state cycle, in
 * which every server appears exactly its weight times.
 */
final class FwrrSchedule {
    private static final int WEIGHT_SCALE = 16; // BE_WEIGHT_SCALE
    private static final int UWEIGHT_RANGE = 256; // SRV_UWGHT_RANGE
    private static final int EWEIGHT_MAX = 256 * WEIGHT_SCALE; // SRV_EWGHT_MAX

    private FwrrSchedule() {
    }

    /**
     * One cycle of server indices ({@code sum(weights) / gcd(weights)} long), in which each server appears
     * {@code weight / gcd} times; servers of weight 0 never appear.
     *
     * @param weights per server in declaration order, each 0..256
     */
    static int[] cycle(int[] weights) {
        long total = 0;
        for (int w : weights) {
            if (w < 0 || w > 256) {
                throw new IllegalArgumentException("weight: " + w + " (expected: 0..256)");
            }
            total += w;
        }
        if (total == 0) {
            return new int[0];
        }
        // Weights with a common factor (all 1, all 100) give the same interleaving in a shorter cycle.
        int gcd = 0;
        for (int w : weights) {
            gcd = gcd(gcd, w);
        }
        if (gcd > 1) {
            int[] reduced = new int[weights.length];
            for (int i = 0; i < weights.length; i++) {
                reduced[i] = weights[i] / gcd;
            }
            return cycle(reduced);
        }
        if (total > Integer.MAX_VALUE / WEIGHT_SCALE) {
            throw new IllegalArgumentException("weights: total " + total + " (expected: a smaller backend)");
        }
        int length = (int) total;
        Simulation sim = new Simulation(weights);
        sim.run(length); // warm-up cycle
        int[] order = sim.run(length);
        if (!hasExactCounts(order, weights)) {
            order = sim.run(length);
        }
        if (!hasExactCounts(order, weights)) {
            // Never seen; keeps the contract (weight picks per cycle) if the model ever drifts.
            order = SmoothWeightedOrder.cycle(weights);
        }
        return order;
    }

    /** The greatest common divisor of two weights (0 and w give w); shared by the schedules of this package. */
    static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    private static boolean hasExactCounts(int[] order, int[] weights) {
        int[] counts = new int[weights.length];
        for (int index : order) {
            counts[index]++;
        }
        for (int i = 0; i < weights.length; i++) {
            if (counts[i] != weights[i]) {
                return false;
            }
        }
        return true;
    }

    /** The per-server state of lb_fwrr.c. */
    private static final class Entry {
        final int index;
        final int eweight;
        long npos;
        long rweight;
        long key;
        long sequence; // eb32 trees keep equal keys in insertion order
        TreeSet<Entry> tree;

        Entry(int index, int eweight) {
            this.index = index;
            this.eweight = eweight;
        }
    }

    private static final class Simulation {
        private static final Comparator<Entry> ORDER =
                Comparator.<Entry>comparingLong(e -> e.key).thenComparingLong(e -> e.sequence);

        private final TreeSet<Entry> current = new TreeSet<>(ORDER);
        private TreeSet<Entry> init = new TreeSet<>(ORDER);
        private TreeSet<Entry> next = new TreeSet<>(ORDER);
        private final long totalWeight;
        private long currentWeight;
        private long currentPos;
        private long sequence;

        Simulation(int[] weights) {
            long total = 0;
            for (int i = 0; i < weights.length; i++) {
                if (weights[i] > 0) {
                    Entry e = new Entry(i, weights[i] * WEIGHT_SCALE);
                    total += e.eweight;
                    queueByWeight(init, e);
                }
            }
            totalWeight = total;
            currentWeight = total;
            currentPos = total;
        }

        int[] run(int picks) {
            int[] order = new int[picks];
            for (int i = 0; i < picks; i++) {
                order[i] = next().index;
            }
            return order;
        }

        private Entry next() {
            Entry s = fromGroup();
            if (s == null) {
                TreeSet<Entry> swap = init;
                init = next;
                next = swap;
                currentWeight = totalWeight;
                currentPos = currentWeight;
                s = fromGroup();
            }
            updatePosition(s);
            remove(s);
            currentPos++;
            queue(s);
            return s;
        }

        private Entry fromGroup() {
            Entry first = current.isEmpty() ? null : current.first();
            if (first != null && first.npos <= currentPos) {
                return first;
            }
            if (!init.isEmpty()) {
                Entry fresh = init.first();
                remove(fresh);
                fresh.npos = 0;
                fresh.rweight = 0;
                return fresh;
            }
            return first;
        }

        private void updatePosition(Entry s) {
            if (s.npos == 0) {
                s.npos = currentPos;
            }
            s.npos += totalWeight / s.eweight;
            s.rweight += totalWeight % s.eweight;
            if (s.rweight >= s.eweight) {
                s.rweight -= s.eweight;
                s.npos++;
            }
        }

        private void queue(Entry s) {
            if (s.npos >= 2 * currentWeight || s.npos >= currentWeight + totalWeight) {
                s.npos -= currentWeight;
                queueByWeight(next, s);
            } else {
                s.key = UWEIGHT_RANGE * s.npos + (EWEIGHT_MAX + s.rweight - s.eweight) / WEIGHT_SCALE;
                insert(current, s);
            }
        }

        private void queueByWeight(TreeSet<Entry> tree, Entry s) {
            s.key = EWEIGHT_MAX - s.eweight;
            insert(tree, s);
        }

        private void insert(TreeSet<Entry> tree, Entry s) {
            s.sequence = sequence++;
            tree.add(s);
            s.tree = tree;
        }

        private void remove(Entry s) {
            if (s.tree != null) {
                s.tree.remove(s);
                s.tree = null;
            }
        }
    }
}
