package io.mlbj.bench;

import io.mlbj.core.routing.Backend;
import io.mlbj.marathon.api.AppsSource;
import io.mlbj.marathon.api.MarathonAppsSource;
import io.mlbj.marathon.api.MarathonClientOptions;
import io.mlbj.marathon.api.ResyncScheduler;
import io.mlbj.marathon.api.SyncTimings;
import io.mlbj.marathon.daemon.DaemonCommand;
import io.mlbj.marathon.daemon.DaemonProcess;
import io.mlbj.marathon.daemon.DaemonSettings;
import io.mlbj.marathon.daemon.LoadBalancerSink;
import io.mlbj.marathon.daemon.MarathonLbDaemon;
import io.mlbj.marathon.emulator.MarathonEmulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
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
 * From a change in Marathon to the new routing being live: one operation scales an app in the Marathon
 * emulator (over its HTTP API, as an operator would) and ends when the load balancer's routing table
 * holds the new server set. In between: the emulator's event over SSE, the daemon's fetch of
 * {@code /v2/apps?embed=apps.tasks}, rendering, interpretation and the swap. {@code SingleShotTime} with
 * one change per iteration gives the distribution (p50, p99) over the iterations.
 *
 * <p>One emulated change emits two relevant events ({@code api_post_event}, then {@code status_update_event}),
 * and the second one arrives while the first fetch runs, so each change costs the coalescer's token bucket two
 * fetches. {@code spacing} (outside the measured time) says how far apart changes come:
 * {@code refilled} = {@link ResyncScheduler#BURST} x {@code minResyncMs} + 100 ms, so each change meets a full
 * bucket (a lone change, the latency the target is about); {@code window} = {@code minResyncMs} +
 * 100 ms, a sustained 1.7 changes a second that spend tokens faster than they refill, so every other change
 * waits for the rate limit.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 10)
@Measurement(iterations = 200)
public class MarathonChangeToRoutingBenchmark {
    private static final String APP = "/bench";
    private static final String BACKEND = "bench_0";

    /** Other apps in Marathon, rendered on every sync (each with 3 tasks). */
    @Param({"0", "100"})
    public int otherApps;

    /**
     * The least time between two fetch starts ({@code SyncTimings.minResyncInterval}; shipped: 500 ms). A scale
     * emits {@code api_post_event} before the new task runs, so the task's {@code status_update_event} usually
     * waits for this spacing.
     */
    @Param({"500", "50"})
    public long minResyncMs;

    /** How far apart changes come: {@code refilled} (a full token bucket) or {@code window} (see the class). */
    @Param({"refilled", "window"})
    public String spacing;

    private MarathonEmulator emulator;
    private LoadBalancerSink runtime;
    private MarathonLbDaemon daemon;
    private int instances = 2;

    @Setup(Level.Trial)
    public void start() {
        emulator = MarathonEmulator.startDefault();
        for (int i = 0; i < otherApps; i++) {
            emulator.createApp(app("/other/app" + i, 3, "127.0.0.1"));
        }
        emulator.createApp(app(APP, instances, "127.0.0.1"));
        DaemonSettings settings = settings("--marathon", emulator.url(), "--sse", "--group", "bench",
                "--dont-bind-http-https", "--stats-port", "0", "--appid-port", "0");
        runtime = LoadBalancerSink.start(settings);
        SyncTimings d = SyncTimings.defaults();
        SyncTimings timings = new SyncTimings(d.pollInterval(), d.resyncInterval(), Duration.ofMillis(minResyncMs),
                d.initialBackoff(), d.maxBackoff(), d.backoffResetAfter(), d.streamIdleTimeout());
        AppsSource source = new MarathonAppsSource(MarathonClientOptions.of(settings.source().marathon()), true,
                timings, Clock.systemUTC());
        daemon = DaemonProcess.start(settings, source, runtime);
        awaitServers(instances, Duration.ofSeconds(60));
    }

    /** An app of the bench group whose frontend takes any free port. */
    private static String app(String id, int instances, String bindAddress) {
        return "{\"id\":\"" + id + "\",\"cmd\":\"x\",\"instances\":" + instances + ",\"portDefinitions\":[{\"port\":0}],"
                + "\"labels\":{\"HAPROXY_GROUP\":\"bench\",\"HAPROXY_0_MODE\":\"http\",\"HAPROXY_0_PORT\":\"0\","
                + "\"HAPROXY_0_BIND_ADDR\":\"" + bindAddress + "\"}}";
    }

    private static DaemonSettings settings(String... args) {
        AtomicReference<DaemonSettings> parsed = new AtomicReference<>();
        StringWriter err = new StringWriter();
        int code = DaemonCommand.execute(new DaemonCommand(Map.of(), Path.of(""), s -> {
            parsed.set(s);
            return 0;
        }), new PrintWriter(new StringWriter()), new PrintWriter(err), args);
        if (code != 0) {
            throw new IllegalStateException(err.toString());
        }
        return parsed.get();
    }

    @Setup(Level.Iteration)
    public void space() throws InterruptedException {
        long tokensToWaitFor = switch (spacing) {
            case "refilled" -> ResyncScheduler.BURST;
            case "window" -> 1;
            default -> throw new IllegalArgumentException("spacing: expected refilled or window, got " + spacing);
        };
        Thread.sleep(tokensToWaitFor * minResyncMs + 100);
    }

    /** Scales the app by one (up, then down) and waits until the routing table has the new server count. */
    @Benchmark
    public int changeBecomesLive() {
        instances = instances == 2 ? 3 : 2;
        emulator.scaleApp(APP, instances);
        awaitServers(instances, Duration.ofSeconds(30));
        return instances;
    }

    private void awaitServers(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Backend b = runtime.loadBalancer().current().backend(BACKEND);
            if (b != null && b.servers().size() == count) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("routing did not reach " + count + " servers within " + timeout
                        + "; last sync: " + daemon.syncStatus());
            }
            LockSupport.parkNanos(20_000);
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        daemon.close(Duration.ofSeconds(1));
        emulator.close();
    }
}
