package io.mlbj.marathon.api;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coalesces re-sync requests: at most one fetch runs and at most one more is queued, and two
 * fetches start at least {@code minInterval} apart, so a burst of any number of events costs a
 * handful of fetches while a lone event is fetched at once.
 */
public final class ResyncScheduler {
    private static final Logger log = LoggerFactory.getLogger(ResyncScheduler.class);

    private enum State { IDLE, QUEUED, RUNNING, STOPPED }

    private final TaskScheduler scheduler;
    private final Clock clock;
    private final Duration minInterval;
    private final Runnable fetch;

    private State state = State.IDLE;
    private boolean pendingWhileRunning;
    private Instant lastStart = Instant.MIN;
    private TaskScheduler.Scheduled queued;
    private long requests;
    private long runs;

    /** Creates a coalescer that runs {@code fetch} through {@code scheduler}. */
    public ResyncScheduler(TaskScheduler scheduler, Clock clock, Duration minInterval, Runnable fetch) {
        this.scheduler = requireNonNull(scheduler, "scheduler");
        this.clock = requireNonNull(clock, "clock");
        this.minInterval = requireNonNull(minInterval, "minInterval");
        this.fetch = requireNonNull(fetch, "fetch");
    }

    /** Asks for a full re-sync; returns at once. */
    public synchronized void request() {
        requests++;
        switch (state) {
            case IDLE:
                queue();
                break;
            case RUNNING:
                pendingWhileRunning = true;
                break;
            default:
                // QUEUED: the queued fetch will see this change; STOPPED: ignored
                break;
        }
    }

    /** Stops scheduling; a fetch already running finishes. */
    public synchronized void stop() {
        state = State.STOPPED;
        if (queued != null) {
            queued.cancel();
            queued = null;
        }
    }

    /** Whether no fetch is running or queued. */
    public synchronized boolean isIdle() {
        return state == State.IDLE || state == State.STOPPED;
    }

    /** How many re-syncs were asked for. */
    public synchronized long requests() {
        return requests;
    }

    /** How many fetches were started. */
    public synchronized long runs() {
        return runs;
    }

    private void queue() {
        state = State.QUEUED;
        Duration delay = Duration.ZERO;
        if (!lastStart.equals(Instant.MIN)) {
            Duration since = Duration.between(lastStart, clock.instant());
            if (since.compareTo(minInterval) < 0) {
                delay = minInterval.minus(since);
            }
        }
        queued = scheduler.schedule(delay, this::run);
    }

    private void run() {
        synchronized (this) {
            if (state != State.QUEUED) {
                return;
            }
            state = State.RUNNING;
            queued = null;
            lastStart = clock.instant();
            runs++;
        }
        try {
            fetch.run();
        } catch (RuntimeException e) {
            log.error("re-sync failed unexpectedly", e);
        } finally {
            synchronized (this) {
                if (state == State.RUNNING) {
                    if (pendingWhileRunning) {
                        pendingWhileRunning = false;
                        queue();
                    } else {
                        state = State.IDLE;
                    }
                }
            }
        }
    }
}
