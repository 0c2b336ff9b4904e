package io.mlbj.core.proxy;

import static java.util.Objects.requireNonNull;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A deadline with at most one scheduled task behind it, for timers re-armed on every request: moving the
 * deadline later or disarming it schedules and cancels nothing (the pending task finds the new deadline
 * when it runs and waits again, or does nothing); only a deadline earlier than the pending task schedules a
 * new one. It never fires early, and fires at most once per {@link #arm}. Confined to one event loop.
 */
public final class DeadlineTimer {
    private final EventExecutor executor;
    private final Runnable onExpiry;
    private final Runnable check = this::check;
    // Confined to the executor's thread. Times are System.nanoTime() values, compared by difference.
    private ScheduledFuture<?> task;
    private long taskNanos;
    private boolean armed;
    private long deadlineNanos;

    /** A disarmed timer that runs {@code onExpiry} on {@code executor} when an armed deadline passes. */
    public DeadlineTimer(EventExecutor executor, Runnable onExpiry) {
        this.executor = requireNonNull(executor, "executor");
        this.onExpiry = requireNonNull(onExpiry, "onExpiry");
    }

    /** Arms (or moves) the deadline to {@code deadlineNanos}, a {@link System#nanoTime()} value. */
    public void arm(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
        armed = true;
        if (task != null) {
            if (taskNanos - deadlineNanos <= 0) {
                return;
            }
            task.cancel(false);
        }
        schedule(deadlineNanos);
    }

    /** Whether a deadline is armed. */
    public boolean isArmed() {
        return armed;
    }

    /** Disarms the deadline; a pending task stays and ends harmlessly when it runs (cheap, for every request). */
    public void disarm() {
        armed = false;
    }

    /** Disarms and cancels the pending task, releasing what it holds (when the owner goes away). */
    public void cancel() {
        armed = false;
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    private void schedule(long at) {
        taskNanos = at;
        task = executor.schedule(check, Math.max(0, at - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private void check() {
        task = null;
        if (!armed) {
            return;
        }
        if (System.nanoTime() - deadlineNanos >= 0) {
            armed = false;
            onExpiry.run();
        } else {
            schedule(deadlineNanos);
        }
    }
}
