package io.mlbj.core.proxy;

import io.mlbj.core.balance.Balancer;
import io.mlbj.core.balance.ServerStatus;
import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.RequestView;
import io.mlbj.core.routing.Server;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A plain round-robin over the servers of weight > 0, for engine tests independent of the real balancers. */
public final class TestRoundRobin implements Balancer {
    private final List<Server> servers;
    private final AtomicInteger next = new AtomicInteger();

    public TestRoundRobin(Backend backend) {
        this.servers = backend.servers().stream().filter(s -> s.weight() > 0 && !s.disabled()).toList();
    }

    @Override
    public Server choose(RequestView request, ServerStatus status, Server excluded) {
        if (servers.isEmpty()) {
            return null;
        }
        for (int i = 0; i < servers.size(); i++) {
            Server s = servers.get(Math.floorMod(next.getAndIncrement(), servers.size()));
            if (!s.equals(excluded) || servers.size() == 1) {
                return s;
            }
        }
        return null;
    }
}
