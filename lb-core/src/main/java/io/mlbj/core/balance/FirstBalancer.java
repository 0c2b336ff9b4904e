package io.mlbj.core.balance;

import io.mlbj.core.routing.RequestView;
import io.mlbj.core.routing.Server;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;

/**
 * {@code first}: the up server with the lowest id that has a free connection slot ({@code maxconn});
 * when every up server is full, the lowest-id one (there is no queue here, so it takes the overflow).
 */
final class FirstBalancer implements Balancer {
    private final Server[] byId;

    FirstBalancer(List<Server> eligible, List<Server> all) {
        int[] ids = effectiveIds(all);
        List<Server> sorted = new ArrayList<>(eligible);
        sorted.sort(Comparator.comparingInt(s -> ids[indexOf(all, s)]));
        this.byId = sorted.toArray(new Server[0]);
    }

    @Override
    public Server choose(RequestView request, ServerStatus status, Server excluded) {
        Server firstUp = null;
        boolean sawExcluded = false;
        for (Server candidate : byId) {
            if (candidate == excluded) {
                sawExcluded = true;
                continue;
            }
            if (status.effectiveWeight(candidate) <= 0) {
                continue;
            }
            int max = candidate.maxConnections();
            if (max == 0 || status.activeConnections(candidate) < max) {
                return candidate;
            }
            if (firstUp == null) {
                firstUp = candidate;
            }
        }
        if (firstUp == null && sawExcluded && status.effectiveWeight(excluded) > 0) {
            return excluded;
        }
        return firstUp;
    }

    /** Explicit ids, and for servers without one the smallest free ids in declaration order (HAProxy's). */
    static int[] effectiveIds(List<Server> all) {
        BitSet taken = new BitSet();
        for (Server s : all) {
            if (s.id() > 0) {
                taken.set(s.id());
            }
        }
        int[] ids = new int[all.size()];
        int next = 1;
        for (int i = 0; i < ids.length; i++) {
            int id = all.get(i).id();
            if (id <= 0) {
                next = taken.nextClearBit(next);
                id = next;
                taken.set(id);
            }
            ids[i] = id;
        }
        return ids;
    }

    private static int indexOf(List<Server> all, Server server) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) == server) {
                return i;
            }
        }
        throw new IllegalArgumentException("server: " + server.name() + " (expected: one of the backend's)");
    }
}
