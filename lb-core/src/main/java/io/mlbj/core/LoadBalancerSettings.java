package io.mlbj.core;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.admin.AdminOptions;
import io.mlbj.core.tls.TlsProvider;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * How a {@link LoadBalancer} runs, fixed for its life.
 *
 * @param ioThreads event-loop threads; 0 = one per core (as HAProxy's {@code nbthread})
 * @param tlsProvider {@code auto}, {@code openssl} or {@code jdk} ({@link TlsProvider#fromName})
 * @param strictConfig unsupported directives reject a config instead of warning
 * @param serverPooling reuse server connections across requests, also for backends with
 *     {@code option http-server-close} (a deliberate difference from HAProxy); off = every backend behaves as with
 *     {@code option http-server-close} (one request per server connection)
 * @param drainTimeout how long {@link LoadBalancer#close()} lets requests in progress finish
 * @param certificateCheckInterval how often certificate files are checked for changes; zero = never
 * @param statsPort the admin/stats port when one was asked for: a config without a {@code stats} proxy
 *     gets marathon-lb's {@code listen stats} on that port ({@link StatsListen})
 * @param admin the admin endpoints' hooks (map texts, signals, sync status) and signal restriction
 */
public record LoadBalancerSettings(
        int ioThreads,
        String tlsProvider,
        boolean strictConfig,
        boolean serverPooling,
        Duration drainTimeout,
        Duration certificateCheckInterval,
        OptionalInt statsPort,
        AdminOptions admin) {

    public LoadBalancerSettings {
        if (ioThreads < 0) {
            throw new IllegalArgumentException("ioThreads: " + ioThreads + " (expected: >= 0)");
        }
        requireNonNull(tlsProvider, "tlsProvider");
        requireNonNull(drainTimeout, "drainTimeout");
        if (drainTimeout.isNegative()) {
            throw new IllegalArgumentException("drainTimeout: " + drainTimeout + " (expected: >= 0)");
        }
        requireNonNull(certificateCheckInterval, "certificateCheckInterval");
        if (certificateCheckInterval.isNegative()) {
            throw new IllegalArgumentException(
                    "certificateCheckInterval: " + certificateCheckInterval + " (expected: >= 0)");
        }
        requireNonNull(statsPort, "statsPort");
        if (statsPort.isPresent() && (statsPort.getAsInt() < 0 || statsPort.getAsInt() > 65535)) {
            throw new IllegalArgumentException("statsPort: " + statsPort.getAsInt() + " (expected: 0..65535)");
        }
        requireNonNull(admin, "admin");
    }

    /** Default threads, TLS provider {@code auto}, warnings for unsupported directives, pooling on, 10 s drain, certificates checked every 5 s, no stats port. */
    public static LoadBalancerSettings defaults() {
        return new LoadBalancerSettings(0, "auto", false, true, Duration.ofSeconds(10), Duration.ofSeconds(5),
                OptionalInt.empty(), AdminOptions.DEFAULTS);
    }

    /** These settings with {@code n} I/O threads. */
    public LoadBalancerSettings withIoThreads(int n) {
        return new LoadBalancerSettings(n, tlsProvider, strictConfig, serverPooling, drainTimeout,
                certificateCheckInterval, statsPort, admin);
    }

    /** These settings with the TLS provider named {@code name}. */
    public LoadBalancerSettings withTlsProvider(String name) {
        return new LoadBalancerSettings(ioThreads, name, strictConfig, serverPooling, drainTimeout,
                certificateCheckInterval, statsPort, admin);
    }

    /** These settings with strict config checking on or off. */
    public LoadBalancerSettings withStrictConfig(boolean strict) {
        return new LoadBalancerSettings(ioThreads, tlsProvider, strict, serverPooling, drainTimeout,
                certificateCheckInterval, statsPort, admin);
    }

    /** These settings with server connection pooling on or off. */
    public LoadBalancerSettings withServerPooling(boolean pooling) {
        return new LoadBalancerSettings(ioThreads, tlsProvider, strictConfig, pooling, drainTimeout,
                certificateCheckInterval, statsPort, admin);
    }

    /** These settings with {@code timeout} to drain on close. */
    public LoadBalancerSettings withDrainTimeout(Duration timeout) {
        return new LoadBalancerSettings(ioThreads, tlsProvider, strictConfig, serverPooling, timeout,
                certificateCheckInterval, statsPort, admin);
    }

    /** These settings checking certificate files every {@code interval} (zero: never). */
    public LoadBalancerSettings withCertificateCheckInterval(Duration interval) {
        return new LoadBalancerSettings(ioThreads, tlsProvider, strictConfig, serverPooling, drainTimeout,
                interval, statsPort, admin);
    }

    /** These settings with the admin/stats port {@code port}. */
    public LoadBalancerSettings withStatsPort(int port) {
        return new LoadBalancerSettings(ioThreads, tlsProvider, strictConfig, serverPooling, drainTimeout,
                certificateCheckInterval, OptionalInt.of(port), admin);
    }

    /** These settings with the admin endpoints' hooks and signal restriction {@code options}. */
    public LoadBalancerSettings withAdmin(AdminOptions options) {
        return new LoadBalancerSettings(ioThreads, tlsProvider, strictConfig, serverPooling, drainTimeout,
                certificateCheckInterval, statsPort, options);
    }
}
