package io.mlbj.marathon.api;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * marathon-lb's event-stream reconnect delay: full jitter ({@code random() * wait}) over a wait that
 * starts at {@code initial}, grows by 1.5 after every stream end, is capped at {@code max}
 * ({@code --max-backoff}) and goes back to {@code initial} after a stream that lived longer than
 * {@code resetAfter}.
 */
public final class ReconnectBackoff {
    private static final double GROWTH = 1.5;

    private final Duration initial;
    private final Duration max;
    private final Duration resetAfter;
    private final DoubleSupplier random;
    private Duration wait;

    /** Creates a backoff; {@code random} returns values in [0, 1). */
    public ReconnectBackoff(Duration initial, Duration max, Duration resetAfter, DoubleSupplier random) {
        this.initial = requireNonNull(initial, "initial");
        this.max = requireNonNull(max, "max");
        this.resetAfter = requireNonNull(resetAfter, "resetAfter");
        this.random = requireNonNull(random, "random");
        if (initial.isNegative() || max.isNegative()) {
            throw new IllegalArgumentException("initial/max: " + initial + "/" + max + " (expected: >= 0)");
        }
        this.wait = min(initial, max);
    }

    /** Returns the delay before the next connection attempt, given how long the last stream lived. */
    public synchronized Duration next(Duration streamLifetime) {
        if (streamLifetime.compareTo(resetAfter) > 0) {
            wait = min(initial, max);
        }
        double r = random.getAsDouble();
        if (!(r >= 0 && r < 1)) {
            r = 0;
        }
        Duration delay = Duration.ofNanos((long) (wait.toNanos() * r));
        wait = min(Duration.ofNanos((long) Math.min(Long.MAX_VALUE, wait.toNanos() * GROWTH)), max);
        return delay;
    }

    /** The upper bound of the next delay (before jitter), for logs and the stats page. */
    public synchronized Duration currentWait() {
        return wait;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
