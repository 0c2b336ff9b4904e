package io.mlbj.marathon.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One complete answer of Marathon's {@code GET /v2/apps?embed=apps.tasks} (or of an apps file).
 *
 * @param json the body as received; it parsed as JSON with an {@code apps} array
 * @param fetchedAt when the answer arrived
 * @param sourceUrl the Marathon URL (or {@code file:} URI) it came from
 */
public record AppsSnapshot(String json, Instant fetchedAt, String sourceUrl) {

    public AppsSnapshot {
        requireNonNull(json, "json");
        requireNonNull(fetchedAt, "fetchedAt");
        requireNonNull(sourceUrl, "sourceUrl");
    }
}
