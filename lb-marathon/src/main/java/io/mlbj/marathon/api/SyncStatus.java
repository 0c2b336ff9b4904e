package io.mlbj.marathon.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * What the stats page shows about the Marathon side.
 *
 * @param lastSuccess when the last snapshot was emitted, if ever
 * @param lastError the last fetch or stream error ("url: message"), if any
 * @param lastErrorAt when it happened
 * @param fetches snapshots fetched successfully
 * @param failedFetches fetch attempts that failed
 * @param events events received on the stream
 * @param reconnects times the event stream was reconnected
 * @param streamConnected whether an event stream is open now
 * @param currentUrl the Marathon URL (or file) used last
 */
public record SyncStatus(
        Optional<Instant> lastSuccess,
        Optional<String> lastError,
        Optional<Instant> lastErrorAt,
        long fetches,
        long failedFetches,
        long events,
        long reconnects,
        boolean streamConnected,
        String currentUrl) {

    public SyncStatus {
        requireNonNull(lastSuccess, "lastSuccess");
        requireNonNull(lastError, "lastError");
        requireNonNull(lastErrorAt, "lastErrorAt");
        requireNonNull(currentUrl, "currentUrl");
    }

    /** The status of a source that has not done anything yet. */
    public static SyncStatus initial(String url) {
        return new SyncStatus(Optional.empty(), Optional.empty(), Optional.empty(), 0, 0, 0, 0, false, url);
    }

    SyncStatus withSuccess(Instant at, String url) {
        return new SyncStatus(Optional.of(at), lastError, lastErrorAt, fetches + 1, failedFetches, events,
                reconnects, streamConnected, url);
    }

    SyncStatus withFetchError(Instant at, String error) {
        return new SyncStatus(lastSuccess, Optional.of(error), Optional.of(at), fetches, failedFetches + 1, events,
                reconnects, streamConnected, currentUrl);
    }

    SyncStatus withStreamError(Instant at, String error) {
        return new SyncStatus(lastSuccess, Optional.of(error), Optional.of(at), fetches, failedFetches, events,
                reconnects, false, currentUrl);
    }

    SyncStatus withEvent() {
        return new SyncStatus(lastSuccess, lastError, lastErrorAt, fetches, failedFetches, events + 1, reconnects,
                streamConnected, currentUrl);
    }

    SyncStatus withStreamConnected(boolean connected) {
        return new SyncStatus(lastSuccess, lastError, lastErrorAt, fetches, failedFetches, events, reconnects,
                connected, currentUrl);
    }

    SyncStatus withReconnect() {
        return new SyncStatus(lastSuccess, lastError, lastErrorAt, fetches, failedFetches, events, reconnects + 1,
                false, currentUrl);
    }
}
