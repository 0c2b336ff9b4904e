package io.mlbj.bench.health;

import io.mlbj.core.Transport;
import io.mlbj.core.health.HealthChecks;
import io.mlbj.core.pool.ServerTlsHandlers;
import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.Balance;
import io.mlbj.core.routing.HealthCheck;
import io.mlbj.core.routing.ProxyMode;
import io.mlbj.core.routing.RoutingSnapshot;
import io.mlbj.core.routing.Server;
import io.mlbj.core.routing.Timeouts;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link HealthChecks#isUp}, the per-request question of balancers and the sticky codec, with 10,000
 * checked servers (checked every hour against a port nothing listens on: after the first checks, which the
 * setup waits for, they stay out of the way; all servers are then down).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HealthIsUpBenchmark {
    /** How many of the 10,000 servers the requests cycle over (one backend's 100, or all). */
    @Param({"100", "10000"})
    int asked;

    private MultiThreadIoEventLoopGroup group;
    private HealthChecks checks;
    private Server[] servers;
    private int next;

    @Setup
    public void setUp() {
        Transport transport = Transport.detect();
        group = transport.newGroup(1, "hc-isup");
        checks = new HealthChecks(group, transport.channelType(), ServerTlsHandlers.NONE);
        Duration hour = Duration.ofHours(1);
        HealthCheck check = new HealthCheck(hour, 2, 3, 0, "GET", "/", hour);
        Map<String, Backend> backends = new LinkedHashMap<>();
        List<Server> all = new ArrayList<>();
        for (int b = 0; b < 100; b++) {
            List<Server> list = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                list.add(new Server("s" + i, "127.0.0." + (1 + b), 1, 0, 1, null, false, null, check, 0));
            }
            all.addAll(list);
            backends.put("app" + b, new Backend("app" + b, ProxyMode.HTTP, Balance.ROUNDROBIN, null, list, true,
                    true, true, 3, List.of(), List.of(), Timeouts.MARATHON_LB_DEFAULTS));
        }
        checks.apply(new RoutingSnapshot(List.of(), backends, "", List.of()));
        servers = all.subList(0, asked).toArray(new Server[0]);
        // The first checks fall within 15 s; let them pass so only isUp is measured.
        try {
            Thread.sleep(16_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @TearDown
    public void tearDown() {
        checks.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    @Benchmark
    public boolean isUp() {
        int i = next;
        next = i + 1 == servers.length ? 0 : i + 1;
        return checks.isUp(servers[i]);
    }
}
