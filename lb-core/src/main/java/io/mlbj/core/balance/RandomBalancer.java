package io.mlbj.core.balance;

import io.mlbj.core.routing.RequestView;
import io.mlbj.core.routing.Server;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code random[(draws)]}: draws servers at random in proportion to their weights and keeps the least
 * loaded of them ("power of two choices" with the default of 2 draws, as HAProxy 2.2+).
 */
final class RandomBalancer implements Balancer {
    private final Server[] servers;
    private final int[] cumulativeWeights;
    private final int draws;

    RandomBalancer(List<Server> eligible, int draws) {
        if (draws < 1) {
            throw new IllegalArgumentException("draws: " + draws + " (expected: >= 1)");
        }
        this.servers = eligible.toArray(new Server[0]);
        this.cumulativeWeights = new int[servers.length];
        int sum = 0;
        for (int i = 0; i < servers.length; i++) {
            sum += servers[i].weight();
            cumulativeWeights[i] = sum;
        }
        this.draws = draws;
    }

    @Override
    public Server choose(RequestView request, ServerStatus status, Server excluded) {
        if (servers.length == 0) {
            return null;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int total = cumulativeWeights[servers.length - 1];
        Server best = null;
        long bestLoad = Long.MAX_VALUE;
        // A few extra draws absorb servers that are down or excluded before scanning for any.
        for (int attempt = 0, kept = 0; kept < draws && attempt < draws * 4; attempt++) {
            Server candidate = servers[slot(random.nextInt(total))];
            if (candidate == excluded) {
                continue;
            }
            int weight = status.effectiveWeight(candidate);
            int full = candidate.weight() * ServerStatus.WEIGHT_SCALE;
            // A server ramping up under slowstart is kept in proportion to its effective weight.
            if (weight <= 0 || (weight < full && random.nextInt(full) >= weight)) {
                continue;
            }
            kept++;
            long load = (long) status.activeConnections(candidate) * 256 * ServerStatus.WEIGHT_SCALE / weight;
            if (load < bestLoad) {
                best = candidate;
                bestLoad = load;
            }
        }
        if (best != null) {
            return best;
        }
        int start = random.nextInt(servers.length);
        for (int i = 0; i < servers.length; i++) {
            Server candidate = servers[(start + i) % servers.length];
            if (candidate != excluded && status.effectiveWeight(candidate) > 0) {
                return candidate;
            }
        }
        return excluded != null && contains(excluded) && status.effectiveWeight(excluded) > 0 ? excluded : null;
    }

    private int slot(int ticket) {
        int low = 0;
        int high = cumulativeWeights.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulativeWeights[mid] > ticket) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    private boolean contains(Server server) {
        for (Server s : servers) {
            if (s == server) {
                return true;
            }
        }
        return false;
    }
}
