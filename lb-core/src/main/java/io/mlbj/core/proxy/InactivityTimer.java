package io.mlbj.core.proxy;

import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;

/**
 * Fires once when nothing was {@link #touch() touched} for a while; re-arming costs a timestamp, not
 * a new scheduled task, and so does starting it again for the next request on the same connection.
 * Confined to one event loop.
 */
final class InactivityTimer {
    private final DeadlineTimer deadline;
    private final Runnable onExpiry;
    private long timeoutNanos;
    private long lastNanos;

    InactivityTimer(EventExecutor executor, Runnable onExpiry) {
        this.deadline = new DeadlineTimer(executor, this::check);
        this.onExpiry = onExpiry;
    }

    /** Starts (or restarts) the timer with {@code timeout}; zero = no limit (an unset HAProxy timeout). */
    void start(Duration timeout) {
        if (timeout.isZero()) {
            deadline.disarm();
            return;
        }
        timeoutNanos = timeout.toNanos();
        lastNanos = EventClock.now();
        deadline.arm(lastNanos + timeoutNanos);
    }

    /** Records activity: the timeout counts from now. */
    void touch() {
        lastNanos = EventClock.now();
    }

    /** Stops the timer. */
    void stop() {
        deadline.disarm();
    }

    /** Stops the timer and drops its scheduled task (when the connection closes). */
    void cancel() {
        deadline.cancel();
    }

    private void check() {
        long idle = System.nanoTime() - lastNanos;
        if (idle >= timeoutNanos) {
            onExpiry.run();
        } else {
            deadline.arm(lastNanos + timeoutNanos);
        }
    }
}
