package io.mlbj.marathon.daemon;

import static java.util.Objects.requireNonNull;

import io.mlbj.marathon.services.AppWarning;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of the daemon's last re-syncs, for the stats page: one immutable value replaced after
 * every sync.
 *
 * @param lastSyncAt when the last sync finished, if any
 * @param lastResult what the last sync did
 * @param lastDuration how long the last sync took (render + interpret + swap)
 * @param lastSuccessAt when a config was last accepted (applied or unchanged)
 * @param lastChangeAt when the routing last changed
 * @param lastError the reason of the last failed sync, if any
 * @param lastErrorAt when it failed
 * @param syncs syncs done
 * @param changes syncs that changed the routing
 * @param failures syncs that failed (the previous config kept serving)
 * @param appWarnings the apps or ports the last render skipped, with the reason
 */
public record ConfigSyncStatus(
        Optional<Instant> lastSyncAt,
        Result lastResult,
        Duration lastDuration,
        Optional<Instant> lastSuccessAt,
        Optional<Instant> lastChangeAt,
        Optional<String> lastError,
        Optional<Instant> lastErrorAt,
        long syncs,
        long changes,
        long failures,
        List<AppWarning> appWarnings) {

    /** What one sync did. */
    public enum Result {
        /** No sync has happened yet. */
        NONE,
        /** The config changed and is live. */
        APPLIED,
        /** The config text equals the live one; nothing was swapped. */
        UNCHANGED,
        /** The config could not be rendered or used; the previous one keeps serving. */
        FAILED
    }

    /** The status before the first sync. */
    public static final ConfigSyncStatus INITIAL = new ConfigSyncStatus(Optional.empty(), Result.NONE, Duration.ZERO,
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0, 0, 0, List.of());

    public ConfigSyncStatus {
        requireNonNull(lastSyncAt, "lastSyncAt");
        requireNonNull(lastResult, "lastResult");
        requireNonNull(lastDuration, "lastDuration");
        requireNonNull(lastSuccessAt, "lastSuccessAt");
        requireNonNull(lastChangeAt, "lastChangeAt");
        requireNonNull(lastError, "lastError");
        requireNonNull(lastErrorAt, "lastErrorAt");
        appWarnings = List.copyOf(requireNonNull(appWarnings, "appWarnings"));
        if (syncs < 0 || changes < 0 || failures < 0) {
            throw new IllegalArgumentException("counters: " + syncs + "/" + changes + "/" + failures
                    + " (expected: >= 0)");
        }
    }

    /** This status after a sync that was accepted ({@code changed} = the routing was swapped). */
    public ConfigSyncStatus accepted(Instant at, Duration took, boolean changed, List<AppWarning> warnings) {
        return new ConfigSyncStatus(Optional.of(at), changed ? Result.APPLIED : Result.UNCHANGED, took,
                Optional.of(at), changed ? Optional.of(at) : lastChangeAt, lastError, lastErrorAt, syncs + 1,
                changes + (changed ? 1 : 0), failures, warnings);
    }

    /** This status after a sync that failed with {@code reason}. */
    public ConfigSyncStatus failed(Instant at, Duration took, String reason) {
        return new ConfigSyncStatus(Optional.of(at), Result.FAILED, took, lastSuccessAt, lastChangeAt,
                Optional.of(reason), Optional.of(at), syncs + 1, changes, failures + 1, appWarnings);
    }
}
