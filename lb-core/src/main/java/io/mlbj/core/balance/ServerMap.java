package io.mlbj.core.balance;

/**
 * HAProxy's server map ({@code recalc_server_map} in {@code src/lb_map.c}): a table of server indices,
 * {@code sum(weight / gcd)} long, in which each server appears in proportion to its weight, spread
 * evenly, ties going to the first declared. {@code static-rr} walks it in order; map-based hashing
 * ({@code source}, {@code uri}, {@code url_param}, {@code hdr}) indexes it by {@code hash % length}.
 */
final class ServerMap {
    private ServerMap() {
    }

    /**
     * The map for these weights (0 = not in the map).
     *
     * @param weights per server in declaration order
     */
    static int[] of(int[] weights) {
        int gcd = 0;
        for (int w : weights) {
            gcd = FwrrSchedule.gcd(gcd, w);
        }
        if (gcd == 0) {
            return new int[0];
        }
        int[] eweights = new int[weights.length];
        int total = 0;
        for (int i = 0; i < weights.length; i++) {
            eweights[i] = weights[i] / gcd;
            total += eweights[i];
        }
        int[] map = new int[total];
        int[] scores = new int[weights.length];
        for (int o = 0; o < total; o++) {
            int best = -1;
            int max = 0;
            for (int i = 0; i < weights.length; i++) {
                if (eweights[i] == 0) {
                    continue;
                }
                if (total == 1) {
                    best = i;
                    break;
                }
                scores[i] += eweights[i];
                int v = (scores[i] + total) / total;
                if (best < 0 || v > max) {
                    max = v;
                    best = i;
                }
            }
            map[o] = best;
            scores[best] -= total;
        }
        return map;
    }
}
