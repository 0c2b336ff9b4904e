package io.mlbj.core.balance;

import io.mlbj.core.routing.RequestView;
import io.mlbj.core.routing.Server;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code roundrobin} and {@code static-rr}: a shared cursor over a precomputed cycle of servers; an
 * entry whose server is down is passed over (the cycle is then rebuilt without it).
 */
final class RoundRobinBalancer implements Balancer {
    private final LiveSchedule schedule;
    private final AtomicLong cursor = new AtomicLong();

    RoundRobinBalancer(LiveSchedule schedule) {
        this.schedule = schedule;
    }

    @Override
    public Server choose(RequestView request, ServerStatus status, Server excluded) {
        long position = cursor.getAndIncrement();
        return schedule.pick(position, status, excluded, (position & LiveSchedule.RECHECK_MASK) == 0);
    }
}
