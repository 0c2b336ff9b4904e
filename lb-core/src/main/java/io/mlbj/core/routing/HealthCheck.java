package io.mlbj.core.routing;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Active health-check settings of one server ({@code check inter fastinter downinter rise fall port}) with
 * the backend's {@code option httpchk} and {@code http-check expect status}, and the global
 * {@code spread-checks} (null {@code httpPath} = TCP connect check).
 *
 * @param port 0 = the server's own port
 * @param httpMethod e.g. {@code GET}; null for TCP checks
 * @param httpPath e.g. {@code /health}; null for TCP checks
 * @param timeout {@code timeout check}, else {@code inter}: how long one check may take
 * @param fastInterval {@code fastinter}: the interval while the server is in transition (default: interval)
 * @param downInterval {@code downinter}: the interval while the server is fully down (default: interval)
 * @param httpVersion the version word of the check request, sent as written (default {@code HTTP/1.0});
 *     null for TCP checks
 * @param expectStatus {@code http-check expect status N}; 0 = any 2xx or 3xx status passes
 * @param spreadPercent {@code spread-checks}: random jitter of each interval, in percent (0..50)
 * @param expect the other {@code http-check expect} forms ({@code ! status}, {@code rstatus}, {@code string},
 *     {@code rstring}); null = none (then {@code expectStatus} applies)
 * @param disableOn404 {@code http-check disable-on-404}: a 404 answer to an HTTP check of an up server puts it
 *     in NOLB (no new balanced traffic, sticky sessions still served); it takes precedence over {@code expect}
 */
public record HealthCheck(
        Duration interval, int rise, int fall, int port, String httpMethod, String httpPath, Duration timeout,
        Duration fastInterval, Duration downInterval, String httpVersion, int expectStatus, int spreadPercent,
        HttpCheckExpect expect, boolean disableOn404) {

    public HealthCheck {
        requireNonNull(interval, "interval");
        requireNonNull(timeout, "timeout");
        requireNonNull(fastInterval, "fastInterval");
        requireNonNull(downInterval, "downInterval");
        if (rise < 1 || fall < 1) {
            throw new IllegalArgumentException("rise/fall: " + rise + "/" + fall + " (expected: >= 1)");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
        }
        if (expectStatus != 0 && (expectStatus < 100 || expectStatus > 999)) {
            throw new IllegalArgumentException("expectStatus: " + expectStatus + " (expected: 0 or 100..999)");
        }
        if (spreadPercent < 0 || spreadPercent > 50) {
            throw new IllegalArgumentException("spreadPercent: " + spreadPercent + " (expected: 0..50)");
        }
        if (httpPath != null && (httpMethod == null || httpVersion == null)) {
            throw new IllegalArgumentException("an HTTP check needs httpMethod and httpVersion");
        }
        if (expect != null && expectStatus != 0) {
            throw new IllegalArgumentException("expect: set together with expectStatus (expected: one of them)");
        }
    }

    /** The settings without {@code http-check disable-on-404}. */
    public HealthCheck(Duration interval, int rise, int fall, int port, String httpMethod, String httpPath,
            Duration timeout, Duration fastInterval, Duration downInterval, String httpVersion, int expectStatus,
            int spreadPercent, HttpCheckExpect expect) {
        this(interval, rise, fall, port, httpMethod, httpPath, timeout, fastInterval, downInterval, httpVersion,
                expectStatus, spreadPercent, expect, false);
    }

    /** The settings without an {@code http-check expect} form other than {@code status N}. */
    public HealthCheck(Duration interval, int rise, int fall, int port, String httpMethod, String httpPath,
            Duration timeout, Duration fastInterval, Duration downInterval, String httpVersion, int expectStatus,
            int spreadPercent) {
        this(interval, rise, fall, port, httpMethod, httpPath, timeout, fastInterval, downInterval, httpVersion,
                expectStatus, spreadPercent, null);
    }

    /** The settings of {@code server ... check}: fastinter and downinter equal to inter, HTTP/1.0, no expect, no spread. */
    public HealthCheck(
            Duration interval, int rise, int fall, int port, String httpMethod, String httpPath, Duration timeout) {
        this(interval, rise, fall, port, httpMethod, httpPath, timeout, interval, interval,
                httpPath == null ? null : "HTTP/1.0", 0, 0);
    }

    /** Whether this is an {@code option httpchk} check (else a TCP connect check). */
    public boolean isHttp() {
        return httpPath != null;
    }

    /** These settings with {@code spread-checks} = {@code percent}. */
    public HealthCheck withSpreadPercent(int percent) {
        return new HealthCheck(interval, rise, fall, port, httpMethod, httpPath, timeout, fastInterval, downInterval,
                httpVersion, expectStatus, percent, expect, disableOn404);
    }
}
