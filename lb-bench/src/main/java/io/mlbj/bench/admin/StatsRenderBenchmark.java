package io.mlbj.bench.admin;

import io.mlbj.core.admin.ServerCheckView;
import io.mlbj.core.admin.StatsCsv;
import io.mlbj.core.admin.StatsPage;
import io.mlbj.core.admin.StatsRow;
import io.mlbj.core.admin.StatsRows;
import io.mlbj.core.admin.SyncStatus;
import io.mlbj.core.admin.TrafficStats;
import io.mlbj.core.pool.ServerConnectionCounts;
import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.Balance;
import io.mlbj.core.routing.HealthCheck;
import io.mlbj.core.routing.ProxyMode;
import io.mlbj.core.routing.RoutingSnapshot;
import io.mlbj.core.routing.Server;
import io.mlbj.core.routing.Timeouts;
import java.time.Duration;
import java.time.Instant;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Building the stats page and its CSV for {@code backends} backends of 3 checked servers each, every one
 * with counters (what one {@code /haproxy?stats} request costs; the request's event loop no longer
 * pays it, the admin thread does).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StatsRenderBenchmark {
    @Param({"10000"})
    public int backends;

    private RoutingSnapshot snapshot;
    private TrafficStats traffic;
    private final ServerConnectionCounts status = new ServerConnectionCounts();
    private final ServerCheckView checks = new ServerCheckView() {
        @Override
        public String lastCheck(String backend, Server server) {
            return "L7OK";
        }

        @Override
        public long secondsSinceChange(String backend, Server server) {
            return 42;
        }
    };
    private List<StatsRow> rows;
    private StatsPage.Extras extras;

    @Setup
    public void setUp() {
        traffic = TrafficStats.unpublished();
        Duration inter = Duration.ofSeconds(2);
        HealthCheck check = new HealthCheck(inter, 2, 3, 0, "GET", "/health", inter);
        Map<String, Backend> map = new LinkedHashMap<>();
        for (int b = 0; b < backends; b++) {
            String name = "nginx_" + b + "_10000";
            List<Server> servers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String server = "10_0_" + (b % 250) + "_" + i + "_31" + (b % 1000);
                servers.add(new Server(server, "10.0." + (b % 250) + "." + i, 31000 + b % 1000, 0, 1, null, false, null,
                        check, 0));
                var c = traffic.backend(name).server(server);
                c.sessionOpened();
                c.sessionClosed();
            }
            traffic.backend(name).totals().sessionOpened();
            map.put(name, new Backend(name, ProxyMode.HTTP, Balance.ROUNDROBIN, null, servers, false, false, false, 3,
                    List.of(), List.of(), Timeouts.MARATHON_LB_DEFAULTS));
        }
        snapshot = new RoutingSnapshot(List.of(), map, "", List.of());
        rows = StatsRows.collect(snapshot, traffic, status, checks);
        extras = new StatsPage.Extras(SyncStatus.NEVER, List.of(), Instant.now());
    }

    /** The rows only (counter and state lookups). */
    @Benchmark
    public List<StatsRow> collectRows() {
        return StatsRows.collect(snapshot, traffic, status, checks);
    }

    /** Rows + CSV text, as one {@code ;csv} request. */
    @Benchmark
    public String csv() {
        return StatsCsv.render(StatsRows.collect(snapshot, traffic, status, checks));
    }

    /** Rows + HTML, as one page request. */
    @Benchmark
    public String html() {
        return StatsPage.render(StatsRows.collect(snapshot, traffic, status, checks), extras, false, 0, "/haproxy?stats");
    }
}
