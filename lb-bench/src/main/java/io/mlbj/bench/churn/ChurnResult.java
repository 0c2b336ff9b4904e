package io.mlbj.bench.churn;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * The figures of one churn run (written as JSON, {@code "format": "mlbj-churn-result/1"}).
 *
 * @param format the JSON format's name
 * @param target which load balancer ({@code mlbj}, {@code haproxy})
 * @param settings the run's settings
 * @param loadAverage the machine's 1-minute load average at the start and at the end of the churn
 * @param measuredSeconds how long the load ran (churn plus the last grace period)
 * @param requests counts: requests, ok, failures on healthy and removed servers, sticky outcomes
 * @param failureKinds failures by {@code <healthy|removed|unbound>_server:<kind>}
 * @param failureSamples the first failures with details
 * @param operations changes made, by kind
 * @param tasksRemoved tasks taken away by the churner
 * @param routingChanges new configs applied by the load balancer during the run
 * @param latencyMs latency percentiles (p50, p90, p99, p99_9, max) in milliseconds
 * @param samples memory and threads at start, middle, end and after
 */
public record ChurnResult(String format, String target, ChurnSettings settings, List<Double> loadAverage,
                          double measuredSeconds, Map<String, Long> requests, Map<String, Long> failureKinds,
                          List<String> failureSamples, Map<String, Integer> operations, int tasksRemoved,
                          long routingChanges, Map<String, Double> latencyMs, List<ResourceSample> samples) {
    /** The value of {@link #format()}. */
    public static final String FORMAT = "mlbj-churn-result/1";

    public ChurnResult {
        requireNonNull(format, "format");
        requireNonNull(target, "target");
        requireNonNull(settings, "settings");
        loadAverage = List.copyOf(loadAverage);
        requests = Map.copyOf(requests);
        failureKinds = Map.copyOf(failureKinds);
        failureSamples = List.copyOf(failureSamples);
        operations = Map.copyOf(operations);
        latencyMs = Map.copyOf(latencyMs);
        samples = List.copyOf(samples);
    }

    /** A count of {@link #requests()} by name, 0 when absent. */
    public long count(String name) {
        return requests.getOrDefault(name, 0L);
    }

    /** The sample taken at {@code at}. */
    public ResourceSample sample(String at) {
        return samples.stream().filter(s -> s.at().equals(at)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("at: " + at + " (expected: one of the samples)"));
    }

    /** A human-readable summary. */
    public String summary() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("churn against %s: %.1f s, a change every %d ms (%s), kill grace %d ms, %d apps x %d users%n",
                target, measuredSeconds, settings.changeInterval().toMillis(), operations,
                settings.killGracePeriod().toMillis(), settings.apps(), settings.usersPerApp()));
        b.append(String.format("load average (1 min) at start / end: %.2f / %.2f%n", loadAverage.get(0), loadAverage.get(1)));
        b.append(String.format("requests %d, ok %d (%.0f/s)%n", count("requests"), count("ok"), count("ok") / measuredSeconds));
        b.append(String.format("failed on healthy servers: %d   on removed servers: %d   first request of a session: %d"
                        + "   (kept-alive connections closed unanswered, retried: %d, of them after 1 s idle: %d)%n",
                count("failedHealthy"), count("failedRemoved"), count("failedUnbound"), count("retriedOnReusedConnection"),
                count("retriedAfterKeepAliveTimeout")));
        b.append(String.format("sticky: kept %d, moved from a surviving server %d, moved from a removed server %d"
                        + " (without a new cookie %d), session unknown to its own server %d, identity mismatch %d%n",
                count("stickyKept"), count("movedFromSurvivor"), count("movedFromRemoved"),
                count("movedWithoutNewCookie"), count("sessionLost"), count("identityMismatch")));
        b.append(String.format("tasks removed %d, routing changes applied %d%n", tasksRemoved, routingChanges));
        b.append(String.format("latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n", latencyMs.get("p50"),
                latencyMs.get("p90"), latencyMs.get("p99"), latencyMs.get("p99_9"), latencyMs.get("max")));
        for (ResourceSample s : samples) {
            b.append(String.format("%-7s threads %4d  rss %6.1f MB  heap after GC %s%n", s.at(), s.threads(),
                    s.rssBytes() / 1048576.0, s.heapAfterGcBytes() < 0 ? "-" : String.format("%.1f MB", s.heapAfterGcBytes() / 1048576.0)));
        }
        failureKinds.forEach((k, v) -> b.append("  failure ").append(k).append(": ").append(v).append('\n'));
        failureSamples.forEach(s -> b.append("  e.g. ").append(s).append('\n'));
        return b.toString();
    }
}
