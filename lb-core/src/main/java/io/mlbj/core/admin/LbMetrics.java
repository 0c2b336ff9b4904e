package io.mlbj.core.admin;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyAllocatorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.internal.PlatformDependent;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The proxy's Prometheus registry ({@code /metrics}): traffic counters ({@link TrafficStats}), JVM and
 * Netty buffer-pool meters, routing swaps, and named hooks the daemon records into (Marathon syncs,
 * event-stream reconnects). Names are listed in {@code docs/metrics.md}.
 */
public final class LbMetrics {
    private final PrometheusMeterRegistry registry;
    private final TrafficStats traffic;
    private final Counter swaps;
    private final Timer swapTime;
    private final Counter syncsOk;
    private final Counter syncsFailed;
    private final Timer syncTime;
    private final Counter sseReconnects;
    private final JvmGcMetrics gc = new JvmGcMetrics();

    /** A registry with the JVM, Netty and proxy meters bound, on the event loops' read-time clock. */
    public LbMetrics() {
        this(ReadTimeClock.INSTANCE);
    }

    /** The same on another clock (the benchmarks compare Micrometer's system clock). */
    public LbMetrics(Clock clock) {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(), clock);
        traffic = new TrafficStats(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        bindAllocator(ByteBufAllocator.DEFAULT);
        if (ByteBufAllocator.DEFAULT != PooledByteBufAllocator.DEFAULT) {
            bindAllocator(PooledByteBufAllocator.DEFAULT);
        }
        Gauge.builder("netty.direct.memory.used", PlatformDependent::usedDirectMemory).baseUnit("bytes")
                .description("Direct memory Netty has reserved (-1 when not tracked)").register(registry);
        swaps = Counter.builder("lb.routing.swaps").description("Routing snapshots published").register(registry);
        swapTime = Timer.builder("lb.routing.swap").description("Time to apply a routing swap (listeners, pools)")
                .serviceLevelObjectives(TrafficStats.LATENCY_BUCKETS).register(registry);
        syncsOk = Counter.builder("lb.marathon.syncs").tag("result", "ok")
                .description("Syncs with Marathon by result").register(registry);
        syncsFailed = Counter.builder("lb.marathon.syncs").tag("result", "error")
                .description("Syncs with Marathon by result").register(registry);
        syncTime = Timer.builder("lb.marathon.sync").description("Duration of syncs with Marathon")
                .serviceLevelObjectives(TrafficStats.LATENCY_BUCKETS).register(registry);
        sseReconnects = Counter.builder("lb.marathon.sse.reconnects")
                .description("Reconnections of the Marathon event stream").register(registry);
    }

    private void bindAllocator(ByteBufAllocator allocator) {
        if (allocator instanceof ByteBufAllocatorMetricProvider p) {
            new NettyAllocatorMetrics(p).bindTo(registry);
        }
    }

    /** The registry, for meters of the daemon's own. */
    public MeterRegistry registry() {
        return registry;
    }

    /** The traffic counters published here. */
    public TrafficStats traffic() {
        return traffic;
    }

    /** Publishes the client connections open now and the {@code global maxconn} in force as gauges. */
    public void bindConnectionLimit(IntSupplier open, IntSupplier limit) {
        Gauge.builder("lb.connections.current", open::getAsInt)
                .description("Client connections open over every frontend").register(registry);
        Gauge.builder("lb.connections.limit", limit::getAsInt)
                .description("The global maxconn in force").register(registry);
    }

    /** Records one routing swap that took {@code nanos} to apply. */
    public void recordSwap(long nanos) {
        swaps.increment();
        swapTime.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Hook for the daemon: one sync with Marathon ended ({@code ok} or not) after {@code duration}. */
    public void recordMarathonSync(boolean ok, Duration duration) {
        (ok ? syncsOk : syncsFailed).increment();
        syncTime.record(duration);
    }

    /** Hook for the daemon: the Marathon event stream reconnected. */
    public void recordSseReconnect() {
        sseReconnects.increment();
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    /** Stops the GC listener and closes the registry. */
    public void close() {
        gc.close();
        registry.close();
    }
}
