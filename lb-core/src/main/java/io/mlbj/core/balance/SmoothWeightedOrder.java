package io.mlbj.core.balance;

/**
 * The "smooth weighted round robin" interleaving (nginx's), used only as a safety net by
 * {@link FwrrSchedule}: every server appears exactly its weight times per cycle.
 */
final class SmoothWeightedOrder {
    private SmoothWeightedOrder() {
    }

    /** One cycle of server indices, {@code sum(weights)} long. */
    static int[] cycle(int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int[] order = new int[total];
        long[] current = new long[weights.length];
        for (int pick = 0; pick < total; pick++) {
            int best = -1;
            for (int i = 0; i < weights.length; i++) {
                if (weights[i] == 0) {
                    continue;
                }
                current[i] += weights[i];
                if (best < 0 || current[i] > current[best]) {
                    best = i;
                }
            }
            current[best] -= total;
            order[pick] = best;
        }
        return order;
    }
}
