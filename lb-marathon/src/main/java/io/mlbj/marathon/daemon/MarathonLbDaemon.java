package io.mlbj.marathon.daemon;

import static java.util.Objects.requireNonNull;

import io.mlbj.marathon.api.AppsSource;
import io.mlbj.marathon.api.SyncStatus;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running daemon: an {@link AppsSource} feeding a {@link SyncLoop} that feeds the lb-core runtime
 * (a {@link ConfigSink}). It owns all three; {@link #close(Duration)} stops the source, then drains the
 * runtime.
 */
public final class MarathonLbDaemon implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MarathonLbDaemon.class);

    private final AppsSource source;
    private final SyncLoop loop;
    private final ConfigSink runtime;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A daemon over these parts; nothing runs until {@link #start()}. */
    public MarathonLbDaemon(AppsSource source, SyncLoop loop, ConfigSink runtime) {
        this.source = requireNonNull(source, "source");
        this.loop = requireNonNull(loop, "loop");
        this.runtime = requireNonNull(runtime, "runtime");
    }

    /** Starts fetching apps; every snapshot becomes a sync. */
    public MarathonLbDaemon start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("already started");
        }
        runtime.attach(this);
        source.start(loop);
        return this;
    }

    /** A full re-sync now (SIGHUP, {@code /_mlb_signal/hup}). */
    public void resync() {
        log.info("re-sync requested");
        source.requestResync();
    }

    /** The outcome of the last config syncs (render, interpret, swap). */
    public ConfigSyncStatus syncStatus() {
        return loop.status();
    }

    /** The live config's vhost map text ({@code /_haproxy_getvhostmap}). */
    public String vhostMap() {
        return loop.liveDomainMap();
    }

    /** The live config's app map text ({@code /_haproxy_getappmap}). */
    public String appMap() {
        return loop.liveAppMap();
    }

    /** The health of the Marathon side (fetches, stream, last fetch error). */
    public SyncStatus sourceStatus() {
        return source.status();
    }

    /** Stops fetching, then closes the runtime, letting requests in progress finish for up to {@code drain}. */
    public void close(Duration drain) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        source.stop();
        runtime.close(drain);
    }

    /** Same as {@code close(Duration.ofSeconds(10))}. */
    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
