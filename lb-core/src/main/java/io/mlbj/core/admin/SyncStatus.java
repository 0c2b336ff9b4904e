package io.mlbj.core.admin;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/**
 * The outcome of the last sync with the source of routing (Marathon), shown on the stats page.
 *
 * @param time when it ended; null when no sync has happened
 * @param ok whether it produced a routing snapshot
 * @param duration how long it took
 * @param error what went wrong, null when {@code ok}
 */
public record SyncStatus(Instant time, boolean ok, Duration duration, String error) {
    /** No sync has happened (a config-file server, or the daemon before its first sync). */
    public static final SyncStatus NEVER = new SyncStatus(null, false, Duration.ZERO, null);

    public SyncStatus {
        requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration: " + duration + " (expected: >= 0)");
        }
    }

    /** A successful sync that ended at {@code time} and took {@code duration}. */
    public static SyncStatus succeeded(Instant time, Duration duration) {
        return new SyncStatus(requireNonNull(time, "time"), true, duration, null);
    }

    /** A failed sync that ended at {@code time}, took {@code duration}, with {@code error}. */
    public static SyncStatus failed(Instant time, Duration duration, String error) {
        return new SyncStatus(requireNonNull(time, "time"), false, duration, requireNonNull(error, "error"));
    }
}
