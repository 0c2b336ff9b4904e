package io.mlbj.core.tls;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.routing.FrontendTls;
import io.netty.channel.ChannelHandler;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's TLS termination: one {@link CertificateReloader} per distinct {@link FrontendTls}
 * (records compare by value, so a new routing snapshot with the same settings reuses the loaded
 * certificates), and the periodic check of their files. The proxy calls {@link #prepare} when it
 * applies a snapshot and {@link #newHandler} for every accepted connection.
 */
public final class FrontendTlsRegistry implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FrontendTlsRegistry.class);

    private final TlsProvider provider;
    private final ConcurrentHashMap<FrontendTls, CertificateReloader> reloaders = new ConcurrentHashMap<>();
    private volatile ScheduledFuture<?> watch;

    /** A registry whose contexts use {@code provider}. */
    public FrontendTlsRegistry(TlsProvider provider) {
        this.provider = requireNonNull(provider, "provider");
    }

    /** The provider of every context made here. */
    public TlsProvider provider() {
        return provider;
    }

    /**
     * Loads the certificates of {@code tls} unless already loaded; call it when a snapshot is applied
     * so that a broken file is reported then (as a {@link TlsConfigException}), not on a connection.
     */
    public CertificateReloader prepare(FrontendTls tls) {
        requireNonNull(tls, "tls");
        return reloaders.computeIfAbsent(tls, t -> new CertificateReloader(t, provider));
    }

    /** A new TLS handler (SNI, then SSL) for one connection accepted on a bind with {@code tls}. */
    public ChannelHandler newHandler(FrontendTls tls) {
        return prepare(tls).newHandler();
    }

    /** Forgets the settings not in {@code inUse} (binds that no longer exist). */
    public void retainOnly(Collection<FrontendTls> inUse) {
        Set<FrontendTls> keep = Set.copyOf(inUse);
        reloaders.keySet().removeIf(t -> !keep.contains(t));
    }

    /** Checks every prepared bind's certificate files once; the number of binds reloaded. */
    public int reloadAllIfChanged() {
        int reloaded = 0;
        for (CertificateReloader r : reloaders.values()) {
            if (r.reloadIfChanged()) {
                reloaded++;
            }
        }
        return reloaded;
    }

    /** Runs {@link #reloadAllIfChanged} every {@code interval} on {@code scheduler} until {@link #close}. */
    public void watch(ScheduledExecutorService scheduler, Duration interval) {
        requireNonNull(scheduler, "scheduler");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval: " + interval + " (expected: > 0)");
        }
        long millis = interval.toMillis();
        ScheduledFuture<?> previous = watch;
        watch = scheduler.scheduleWithFixedDelay(() -> {
            try {
                reloadAllIfChanged();
            } catch (RuntimeException e) {
                // Never let one failure cancel the periodic task.
                log.warn("TLS certificate check failed", e);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
        if (previous != null) {
            previous.cancel(false);
        }
    }

    /** Stops the periodic check; handlers already made keep working. */
    @Override
    public void close() {
        ScheduledFuture<?> w = watch;
        if (w != null) {
            w.cancel(false);
        }
    }
}
