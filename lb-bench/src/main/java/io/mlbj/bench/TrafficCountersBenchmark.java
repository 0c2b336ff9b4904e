package io.mlbj.bench;

import io.micrometer.core.instrument.Clock;
import io.mlbj.core.admin.BackendCounters;
import io.mlbj.core.admin.LbMetrics;
import io.mlbj.core.admin.ProxyCounters;
import io.mlbj.core.admin.TrafficStats;
import io.mlbj.core.proxy.EventClock;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The counting one proxied HTTP request does on the forwarding path (as HttpProxyHandler, ServerExchange
 * and FrontendTrafficHandler do it): frontend/backend/server lookups by name among {@code backends}
 * backends, sessions, bytes, response class, and the two latency histograms of the Prometheus registry.
 * {@code -prof gc} shows whether it allocates; {@code @Threads(2)} shows contention between event loops.
 * {@code clock}: the registry's clock, the read-time clock the proxy uses ({@code read}) or Micrometer's
 * {@code system} clock; the {@code InRead} cases count inside a read of {@link EventClock}, as the proxy does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TrafficCountersBenchmark {
    @Param({"10", "1000"})
    public int backends;

    @Param({"read", "system"})
    public String clock;

    private LbMetrics metrics;
    private TrafficStats traffic;
    private String[] names;
    private String[] servers;

    @Setup(Level.Trial)
    public void setUp() {
        metrics = clock.equals("system") ? new LbMetrics(Clock.SYSTEM) : new LbMetrics();
        traffic = metrics.traffic();
        names = new String[backends];
        servers = new String[3];
        for (int s = 0; s < servers.length; s++) {
            servers[s] = "10_0_0_" + s + "_31000";
        }
        for (int i = 0; i < backends; i++) {
            names[i] = "app_" + i + "_10000";
            for (String s : servers) {
                traffic.backend(names[i]).server(s);
            }
            traffic.frontend(names[i]);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        metrics.close();
    }

    /** Per-thread position in the names, so threads hit different backends like event loops do. */
    @State(Scope.Thread)
    public static class Cursor {
        int i;
    }

    private int countOneRequest(Cursor c) {
        int k = c.i++ % backends;
        String name = names[k];
        ProxyCounters fe = traffic.frontend(name);
        fe.bytesIn(120);
        fe.request();
        BackendCounters be = traffic.backend(name);
        be.recordConnectTime(250_000);
        ProxyCounters srv = be.server(servers[k % servers.length]);
        be.totals().sessionOpened();
        srv.sessionOpened();
        srv.chosenByBalancer();
        be.recordResponseTime(1_200_000);
        be.totals().response(200);
        srv.response(200);
        be.totals().bytesOut(512);
        srv.bytesOut(512);
        fe.response(200);
        fe.bytesOut(700);
        be.totals().sessionClosed();
        srv.sessionClosed();
        return k;
    }

    /** One request's counting, one thread. */
    @Benchmark
    public int countRequest(Cursor c) {
        return countOneRequest(c);
    }

    /** Only the two latency histograms (Micrometer's Prometheus timers) of one backend. */
    @Benchmark
    public int recordLatencies(Cursor c) {
        int k = c.i++ % backends;
        BackendCounters be = traffic.backend(names[k]);
        be.recordConnectTime(250_000);
        be.recordResponseTime(1_200_000);
        return k;
    }

    /** Everything but the histograms. */
    @Benchmark
    public int countersOnly(Cursor c) {
        int k = c.i++ % backends;
        String name = names[k];
        ProxyCounters fe = traffic.frontend(name);
        fe.request();
        BackendCounters be = traffic.backend(name);
        ProxyCounters srv = be.server(servers[k % servers.length]);
        be.totals().sessionOpened();
        srv.sessionOpened();
        be.totals().response(200);
        srv.response(200);
        be.totals().bytesOut(512);
        srv.bytesOut(512);
        fe.response(200);
        be.totals().sessionClosed();
        srv.sessionClosed();
        return k;
    }

    /** The same from two threads at once (two event loops sharing the counters). */
    @Benchmark
    @Threads(2)
    public int countRequestTwoThreads(Cursor c) {
        return countOneRequest(c);
    }

    /** One request's counting inside a read, as an event loop does it. */
    @Benchmark
    public int countRequestInRead(Cursor c) {
        EventClock read = EventClock.current();
        read.enter();
        try {
            return countOneRequest(c);
        } finally {
            read.exit();
        }
    }

    /** The same from two threads at once. */
    @Benchmark
    @Threads(2)
    public int countRequestInReadTwoThreads(Cursor c) {
        return countRequestInRead(c);
    }
}
