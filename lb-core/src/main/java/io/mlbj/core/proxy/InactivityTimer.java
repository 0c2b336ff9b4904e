package io.mlbj.core.proxy;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Fires once when nothing was {@link #touch() touched} for a while; re-arming costs a timestamp, not
 * a new scheduled task. Confined to one event loop.
 */
final class InactivityTimer {
    private final EventExecutor executor;
    private final Runnable onExpiry;
    private ScheduledFuture<?> future;
    private long timeoutNanos;
    private long lastNanos;

    InactivityTimer(EventExecutor executor, Runnable onExpiry) {
        this.executor = executor;
        this.onExpiry = onExpiry;
    }

    /** Starts (or restarts) the timer with {@code timeout}; zero = no limit (an unset HAProxy timeout). */
    void start(Duration timeout) {
        stop();
        if (timeout.isZero()) {
            return;
        }
        timeoutNanos = timeout.toNanos();
        lastNanos = System.nanoTime();
        future = executor.schedule(this::check, timeoutNanos, TimeUnit.NANOSECONDS);
    }

    /** Records activity: the timeout counts from now. */
    void touch() {
        lastNanos = System.nanoTime();
    }

    /** Stops the timer. */
    void stop() {
        if (future != null) {
            future.cancel(false);
            future = null;
        }
    }

    private void check() {
        if (future == null) {
            return;
        }
        long idle = System.nanoTime() - lastNanos;
        if (idle >= timeoutNanos) {
            future = null;
            onExpiry.run();
        } else {
            future = executor.schedule(this::check, timeoutNanos - idle, TimeUnit.NANOSECONDS);
        }
    }
}
