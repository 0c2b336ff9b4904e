package io.mlbj.bench.churn;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/** What the virtual users saw, counted across all of them (thread-safe). */
final class ChurnCounters {
    private static final int KEPT_FAILURE_SAMPLES = 20;

    final LongAdder requests = new LongAdder();
    final LongAdder ok = new LongAdder();
    /** Failed requests whose server stayed (or was not yet known to the user): must be 0. */
    final LongAdder failedHealthy = new LongAdder();
    /** Failed requests of a user whose server had been removed by the churner. */
    final LongAdder failedRemoved = new LongAdder();
    /** Failed first requests of a session (the server was chosen by balancing, not known to the user). */
    final LongAdder failedUnbound = new LongAdder();
    /** Kept-alive connections the load balancer closed before answering, retried once on a new one. */
    final LongAdder retriedOnReusedConnection = new LongAdder();
    /** Of those, the ones sent after the connection had been idle for marathon-lb's keep-alive timeout (1 s). */
    final LongAdder retriedAfterKeepAliveTimeout = new LongAdder();
    /** First responses of a session (no sticky cookie yet): chosen by balancing. */
    final LongAdder balanced = new LongAdder();
    /** Responses from the server the session is bound to. */
    final LongAdder stickyKept = new LongAdder();
    /** Sessions that moved to another server while theirs survived: must be 0. */
    final LongAdder movedFromSurvivor = new LongAdder();
    /** Sessions that moved because their server was removed (expected). */
    final LongAdder movedFromRemoved = new LongAdder();
    /** Moves whose response did not bind the session to the new server (no new sticky cookie): must be 0. */
    final LongAdder movedWithoutNewCookie = new LongAdder();
    /** Responses of the bound server that did not know the session (the cookie did not reach it intact): must be 0. */
    final LongAdder sessionLost = new LongAdder();
    /** Responses whose {@code X-Task-Id} disagrees with the body's task line or names another app's task: must be 0. */
    final LongAdder identityMismatch = new LongAdder();
    private final Map<String, LongAdder> failureKinds = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> failureSamples = new ConcurrentLinkedQueue<>();
    private final Histogram latency = new Histogram(3_600_000_000L, 3);

    /** Which server a failed request was meant for, as far as its user knows. */
    enum Server { HEALTHY, REMOVED, UNBOUND }

    /** Counts a failure of kind {@code kind} of a request meant for {@code server}. */
    void failure(String kind, Server server, String detail) {
        (server == Server.HEALTHY ? failedHealthy : server == Server.REMOVED ? failedRemoved : failedUnbound).increment();
        String key = server.name().toLowerCase(java.util.Locale.ROOT) + "_server:" + kind;
        failureKinds.computeIfAbsent(key, k -> new LongAdder()).increment();
        if (failureSamples.size() < KEPT_FAILURE_SAMPLES) {
            failureSamples.add(key + " " + detail);
        }
    }

    /** Adds a user's latency histogram (microseconds). */
    synchronized void addLatency(Histogram userLatency) {
        latency.add(userLatency);
    }

    /** A copy of the merged latency histogram (microseconds). */
    synchronized Histogram latency() {
        return latency.copy();
    }

    /** Failure counts by {@code <healthy|removed|unbound>_server:<kind>}. */
    Map<String, Long> failureKinds() {
        Map<String, Long> kinds = new TreeMap<>();
        failureKinds.forEach((k, v) -> kinds.put(k, v.sum()));
        return kinds;
    }

    /** The first few failures with their details (for finding the cause). */
    java.util.List<String> failureSamples() {
        return java.util.List.copyOf(failureSamples);
    }
}
