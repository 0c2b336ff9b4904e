package io.mlbj.marathon.api;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Runs a task once after a delay; injected so that timing logic can be driven by a test clock. */
@FunctionalInterface
public interface TaskScheduler {

    /** A scheduled task that may still be cancelled. */
    @FunctionalInterface
    interface Scheduled {
        /** Cancels the task if it has not started yet. */
        void cancel();
    }

    /** Schedules {@code task} to run once after {@code delay} (zero or negative: as soon as possible). */
    Scheduled schedule(Duration delay, Runnable task);

    /** A scheduler backed by a {@link ScheduledExecutorService}. */
    static TaskScheduler of(ScheduledExecutorService executor) {
        return (delay, task) -> {
            ScheduledFuture<?> future = executor.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        };
    }
}
