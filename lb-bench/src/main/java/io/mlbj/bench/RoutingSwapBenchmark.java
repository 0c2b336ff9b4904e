package io.mlbj.bench;

import io.mlbj.core.LbServer;
import io.mlbj.core.LbServerOptions;
import io.mlbj.core.routing.BindAddress;
import io.mlbj.core.routing.RoutingSnapshot;
import io.mlbj.core.routing.RoutingTable;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * A routing change with 10,000 backends (three servers each) applied to a running {@link LbServer} (one I/O
 * thread, listening on loopback): {@code swap} is what the proxy does with a new snapshot (listener diff, the
 * per-swap route index with one balancer per backend, the pools told which servers remain);
 * {@code interpretAndSwap} adds building that snapshot from the config text, the daemon's cost per Marathon
 * change. Two generations alternate; they differ in every server port.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class RoutingSwapBenchmark {
    private static final BindAddress LOOPBACK = new BindAddress("127.0.0.1", 0);

    /** Number of backends (apps with a vhost each). */
    @Param({"10000"})
    public int backends;

    private final String[] texts = new String[2];
    private final RoutingSnapshot[] snapshots = new RoutingSnapshot[2];
    private RoutingTable table;
    private LbServer server;
    private int generation;

    @Setup(Level.Trial)
    public void start() {
        for (int g = 0; g < 2; g++) {
            texts[g] = VhostConfig.text(backends, false, g);
            snapshots[g] = VhostConfig.rebind(VhostConfig.interpret(texts[g], backends), LOOPBACK);
        }
        table = new RoutingTable(snapshots[0]);
        server = new LbServer(table, LbServerOptions.defaults().withIoThreads(1)).start();
    }

    @TearDown(Level.Trial)
    public void stop() {
        server.close(Duration.ofSeconds(1));
    }

    /** Swaps in the other prepared snapshot. */
    @Benchmark
    public RoutingSnapshot swap() {
        generation ^= 1;
        return table.swap(snapshots[generation]);
    }

    /** Interprets the other config text and swaps the result in. */
    @Benchmark
    public RoutingSnapshot interpretAndSwap() {
        generation ^= 1;
        return table.swap(VhostConfig.rebind(VhostConfig.interpret(texts[generation], backends), LOOPBACK));
    }
}
