package io.mlbj.core.routing;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Active health-check settings of one server ({@code check inter rise fall port}) with the backend's
 * {@code option httpchk} (null {@code httpPath} = TCP connect check).
 *
 * @param port 0 = the server's own port
 * @param httpMethod e.g. {@code GET}; null for TCP checks
 * @param httpPath e.g. {@code /health}; null for TCP checks
 */
public record HealthCheck(
        Duration interval, int rise, int fall, int port, String httpMethod, String httpPath, Duration timeout) {

    public HealthCheck {
        requireNonNull(interval, "interval");
        requireNonNull(timeout, "timeout");
        if (rise < 1 || fall < 1) {
            throw new IllegalArgumentException("rise/fall: " + rise + "/" + fall + " (expected: >= 1)");
        }
    }
}
