package io.mlbj.core.balance;

import io.mlbj.core.routing.RequestView;
import io.mlbj.core.routing.Server;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code leastconn}: the up server with the fewest connections per unit of weight; servers of equal
 * load take turns.
 */
final class LeastConnBalancer implements Balancer {
    private final Server[] servers;
    private final AtomicInteger cursor = new AtomicInteger();

    LeastConnBalancer(List<Server> eligible) {
        this.servers = eligible.toArray(new Server[0]);
    }

    @Override
    public Server choose(RequestView request, ServerStatus status, Server excluded) {
        Server firstBest = null;
        long bestLoad = Long.MAX_VALUE;
        int ties = 0;
        boolean sawExcluded = false;
        for (Server candidate : servers) {
            if (candidate == excluded) {
                sawExcluded = true;
            } else if (status.effectiveWeight(candidate) > 0) {
                long load = load(candidate, status);
                if (load < bestLoad) {
                    firstBest = candidate;
                    bestLoad = load;
                    ties = 1;
                } else if (load == bestLoad) {
                    ties++;
                }
            }
        }
        if (ties == 0) {
            return sawExcluded && status.effectiveWeight(excluded) > 0 ? excluded : null;
        }
        // The turn is taken among the servers of the lowest load only, so equals alternate exactly.
        int turn = ties == 1 ? 0 : Math.floorMod(cursor.getAndIncrement(), ties);
        for (Server candidate : servers) {
            if (candidate != excluded && status.effectiveWeight(candidate) > 0 && load(candidate, status) == bestLoad
                    && turn-- == 0) {
                return candidate;
            }
        }
        // Connection counts moved between the two passes: the first server of the lowest load will do.
        return firstBest;
    }

    // HAProxy's fwlc key: connections scaled by the inverse of the effective weight (SRV_EWGHT_MAX / eweight).
    private static long load(Server server, ServerStatus status) {
        int weight = Math.max(1, status.effectiveWeight(server));
        return (long) status.activeConnections(server) * 256 * ServerStatus.WEIGHT_SCALE / weight;
    }
}
