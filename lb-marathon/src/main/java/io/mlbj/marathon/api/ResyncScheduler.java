package io.mlbj.marathon.api;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coalesces re-sync requests: at most one fetch runs and at most one more is queued, and fetch starts
 * are rate-limited by a token bucket of {@link #BURST} fetches refilled at one per {@code minInterval}:
 * a burst of any number of events costs a handful of fetches, while a lone event, and the event that
 * follows it soon after (Marathon announces a scale before the new task runs, then reports it running),
 * are fetched at once.
 */
public final class ResyncScheduler {
    private static final Logger log = LoggerFactory.getLogger(ResyncScheduler.class);

    /** Fetches that may start back to back before {@code minInterval} spacing applies. */
    public static final int BURST = 2;

    private enum State { IDLE, QUEUED, RUNNING, STOPPED }

    private final TaskScheduler scheduler;
    private final Clock clock;
    private final Duration minInterval;
    private final Runnable fetch;

    private State state = State.IDLE;
    private boolean pendingWhileRunning;
    // The token bucket: tokens available at `tokensAt` (BURST when full).
    private double tokens = BURST;
    private Instant tokensAt = Instant.MIN;
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
        double available = tokensNow(clock.instant());
        if (available < 1 && !minInterval.isZero()) {
            delay = Duration.ofNanos((long) Math.ceil((1 - available) * minInterval.toNanos()));
            // the one place a change waits on purpose: visible when latency is investigated
            log.debug("re-sync waits {} ms for the fetch rate limit", delay.toMillis());
        }
        queued = scheduler.schedule(delay, this::run);
    }

    private double tokensNow(Instant now) {
        if (tokensAt.equals(Instant.MIN) || minInterval.isZero()) {
            return BURST;
        }
        double refilled = (double) Duration.between(tokensAt, now).toNanos() / minInterval.toNanos();
        return Math.min(BURST, tokens + refilled);
    }

    private void run() {
        synchronized (this) {
            if (state != State.QUEUED) {
                return;
            }
            state = State.RUNNING;
            queued = null;
            Instant now = clock.instant();
            tokens = Math.max(0, tokensNow(now) - 1);
            tokensAt = now;
            runs++;
        }
        try {
            fetch.run();
        } catch (RuntimeException e) {
            boolean stopping;
            synchronized (this) {
                stopping = state == State.STOPPED;
            }
            if (stopping) {
                // stop() shut the executors down under a running fetch: expected, not an error
                log.debug("re-sync ended by stop: {}", e.toString());
            } else {
                log.error("re-sync failed unexpectedly", e);
            }
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
