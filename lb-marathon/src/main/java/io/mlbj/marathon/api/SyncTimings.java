package io.mlbj.marathon.api;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The durations of the sync loop, injectable so that tests run in seconds.
 *
 * @param pollInterval poll mode: time between fetches ({@code --poll-interval}, marathon-lb's 60 s)
 * @param resyncInterval event-stream mode: forced full re-sync period (marathon-lb's 300 s)
 * @param minResyncInterval least time between the starts of two fetches (bursts coalesce within it)
 * @param initialBackoff first reconnect wait (marathon-lb: 3 s)
 * @param maxBackoff cap of the reconnect wait ({@code --max-backoff}, 300 s)
 * @param backoffResetAfter a stream that lived longer resets the wait (marathon-lb: 600 s)
 * @param streamIdleTimeout a stream silent this long is reconnected (marathon-lb: 300 s)
 */
public record SyncTimings(
        Duration pollInterval,
        Duration resyncInterval,
        Duration minResyncInterval,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration backoffResetAfter,
        Duration streamIdleTimeout) {

    public SyncTimings {
        positive(pollInterval, "pollInterval");
        positive(resyncInterval, "resyncInterval");
        notNegative(minResyncInterval, "minResyncInterval");
        notNegative(initialBackoff, "initialBackoff");
        notNegative(maxBackoff, "maxBackoff");
        notNegative(backoffResetAfter, "backoffResetAfter");
        positive(streamIdleTimeout, "streamIdleTimeout");
    }

    /** marathon-lb's values. */
    public static SyncTimings defaults() {
        return new SyncTimings(Duration.ofSeconds(60), Duration.ofSeconds(300), Duration.ofMillis(500),
                Duration.ofSeconds(3), Duration.ofSeconds(300), Duration.ofSeconds(600), Duration.ofSeconds(300));
    }

    /** A copy with another poll interval. */
    public SyncTimings withPollInterval(Duration value) {
        return new SyncTimings(value, resyncInterval, minResyncInterval, initialBackoff, maxBackoff,
                backoffResetAfter, streamIdleTimeout);
    }

    /** A copy with another forced re-sync period. */
    public SyncTimings withResyncInterval(Duration value) {
        return new SyncTimings(pollInterval, value, minResyncInterval, initialBackoff, maxBackoff,
                backoffResetAfter, streamIdleTimeout);
    }

    /** A copy with other reconnect waits. */
    public SyncTimings withBackoff(Duration initial, Duration max) {
        return new SyncTimings(pollInterval, resyncInterval, minResyncInterval, initial, max,
                backoffResetAfter, streamIdleTimeout);
    }

    /** A copy with another silence limit. */
    public SyncTimings withStreamIdleTimeout(Duration value) {
        return new SyncTimings(pollInterval, resyncInterval, minResyncInterval, initialBackoff, maxBackoff,
                backoffResetAfter, value);
    }

    private static void positive(Duration d, String name) {
        requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
        }
    }

    private static void notNegative(Duration d, String name) {
        requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + ": " + d + " (expected: >= 0)");
        }
    }
}
