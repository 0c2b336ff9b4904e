package io.mlbj.bench.load;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one load run measured; latencies are in microseconds.
 *
 * @param config the run's configuration
 * @param startedAt wall-clock start of the run
 * @param transport socket transport used ({@code epoll} or {@code nio}) and, for https, the TLS provider
 * @param measuredSeconds from the end of the warm-up to the last response
 * @param requests measured requests started
 * @param responses measured responses completed (any status)
 * @param ok responses with a 2xx status
 * @param bytes response body bytes received
 * @param errors failed requests plus non-2xx responses
 * @param errorKinds errors by kind (connect_refused, timeout, reset, closed, status_503, ...)
 * @param stickySwitches server-identity changes within one user's session
 * @param stickyMissing responses without the server-identity header (when checked)
 * @param latency latencies from the intended send time (corrected for coordinated omission)
 * @param uncorrectedLatency latencies from the actual send time
 * @param cpuMicrosPerResponse the tool's own process CPU time per response, from the first second after
 *     the warm-up to the end (the whole run when it is shorter), or -1 when the JVM does not report it
 */
public record LoadResult(
        LoadConfig config,
        Instant startedAt,
        String transport,
        double measuredSeconds,
        long requests,
        long responses,
        long ok,
        long bytes,
        long errors,
        Map<String, Long> errorKinds,
        long stickySwitches,
        long stickyMissing,
        Histogram latency,
        Histogram uncorrectedLatency,
        double cpuMicrosPerResponse) {

    /** Checks that the references are present and copies the error table. */
    public LoadResult {
        requireNonNull(config, "config");
        requireNonNull(startedAt, "startedAt");
        requireNonNull(transport, "transport");
        errorKinds = Map.copyOf(requireNonNull(errorKinds, "errorKinds"));
        requireNonNull(latency, "latency");
        requireNonNull(uncorrectedLatency, "uncorrectedLatency");
    }

    /** Completed responses per second over the measured period. */
    public double responsesPerSecond() {
        return measuredSeconds > 0 ? responses / measuredSeconds : 0;
    }
}
