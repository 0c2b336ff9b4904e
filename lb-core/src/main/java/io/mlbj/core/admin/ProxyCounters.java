package io.mlbj.core.admin;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The traffic counters of one frontend, backend or server (HAProxy's stats columns). Updated from any
 * event loop without locks and without allocation: {@link LongAdder}s for totals, CAS for the maximum.
 */
public final class ProxyCounters {
    /** Response classes in {@link #responses(int)} order: 1xx..5xx, then anything else. */
    public static final String[] RESPONSE_CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx", "other"};

    private final AtomicLong sessionsCurrent = new AtomicLong();
    private final AtomicLong sessionsMax = new AtomicLong();
    private final LongAdder sessionsTotal = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final LongAdder[] responses = new LongAdder[RESPONSE_CLASSES.length];
    private final LongAdder requestErrors = new LongAdder();
    private final LongAdder connectErrors = new LongAdder();
    private final LongAdder responseErrors = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder redispatches = new LongAdder();
    private final LongAdder balanced = new LongAdder();
    private final LongAdder checksPassed = new LongAdder();
    private final LongAdder checksFailed = new LongAdder();
    // The stats' "last session" column, in whole seconds: written when it moved by a millisecond or more, as
    // a field every loop wrote on every session would bounce its cache line between the cores.
    private static final long LAST_SESSION_STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private volatile long lastSessionNanos;
    private volatile boolean hadSession;
    // Written by the once-a-second sampler only; read by the stats page.
    private volatile long sessionRate;
    private volatile long sessionRateMax;
    private volatile long requestRate;
    private volatile long requestRateMax;
    private long lastSessions;
    private long lastRequests;

    ProxyCounters() {
        for (int i = 0; i < responses.length; i++) {
            responses[i] = new LongAdder();
        }
    }

    /** A session (client connection, or a request forwarded to a backend/server) started. */
    public void sessionOpened() {
        sessionOpened(System.nanoTime());
    }

    /** A session started at {@code started} ({@link System#nanoTime()}; the caller's clock reading). */
    public void sessionOpened(long started) {
        sessionsTotal.increment();
        if (started - lastSessionNanos >= LAST_SESSION_STEP_NANOS || !hadSession) {
            lastSessionNanos = started;
            hadSession = true;
        }
        long now = sessionsCurrent.incrementAndGet();
        long max;
        while (now > (max = sessionsMax.get()) && !sessionsMax.compareAndSet(max, now)) {
            // another thread raised the maximum meanwhile: compare again
        }
    }

    /** A session ended. */
    public void sessionClosed() {
        sessionsCurrent.decrementAndGet();
    }

    /** {@code n} bytes received from the client side. */
    public void bytesIn(long n) {
        bytesIn.add(n);
    }

    /** {@code n} bytes sent toward the client side. */
    public void bytesOut(long n) {
        bytesOut.add(n);
    }

    /** One HTTP request received. */
    public void request() {
        requests.increment();
    }

    /** One final response with status {@code code}. */
    public void response(int code) {
        int c = code / 100;
        responses[c >= 1 && c <= 5 ? c - 1 : 5].increment();
    }

    /** A request refused before it was forwarded (bad request). */
    public void requestError() {
        requestErrors.increment();
    }

    /** A connection attempt to a server failed. */
    public void connectError() {
        connectErrors.increment();
    }

    /** A server's response failed (bad, missing, timed out or cut). */
    public void responseError() {
        responseErrors.increment();
    }

    /** A connection attempt is retried. */
    public void retry() {
        retries.increment();
    }

    /** A retry went to another server ({@code option redispatch}). */
    public void redispatch() {
        redispatches.increment();
    }

    /** The balancer chose this server ({@code lbtot}). */
    public void chosenByBalancer() {
        balanced.increment();
    }

    /** Hook for the health checker: one active check of this server ended, {@code passed} or not. */
    public void checkResult(boolean passed) {
        (passed ? checksPassed : checksFailed).increment();
    }

    /** Once a second: turns the totals' growth into per-second rates (called by one thread only). */
    void sampleRates() {
        long s = sessionsTotal.sum();
        long r = requests.sum();
        long sr = s - lastSessions;
        long rr = r - lastRequests;
        lastSessions = s;
        lastRequests = r;
        sessionRate = sr;
        requestRate = rr;
        if (sr > sessionRateMax) {
            sessionRateMax = sr;
        }
        if (rr > requestRateMax) {
            requestRateMax = rr;
        }
    }

    /** Sessions in progress. */
    public long sessionsCurrent() {
        return Math.max(0, sessionsCurrent.get());
    }

    /** The most sessions in progress at once. */
    public long sessionsMax() {
        return sessionsMax.get();
    }

    /** Sessions since start. */
    public long sessionsTotal() {
        return sessionsTotal.sum();
    }

    /** Bytes received from the client side. */
    public long bytesIn() {
        return bytesIn.sum();
    }

    /** Bytes sent to the client side. */
    public long bytesOut() {
        return bytesOut.sum();
    }

    /** HTTP requests received. */
    public long requests() {
        return requests.sum();
    }

    /** Responses of class {@code index} of {@link #RESPONSE_CLASSES}. */
    public long responses(int index) {
        return responses[index].sum();
    }

    /** Refused requests. */
    public long requestErrors() {
        return requestErrors.sum();
    }

    /** Failed connection attempts. */
    public long connectErrors() {
        return connectErrors.sum();
    }

    /** Failed responses. */
    public long responseErrors() {
        return responseErrors.sum();
    }

    /** Retried connection attempts. */
    public long retries() {
        return retries.sum();
    }

    /** Redispatched retries. */
    public long redispatches() {
        return redispatches.sum();
    }

    /** Active checks that passed. */
    public long checksPassed() {
        return checksPassed.sum();
    }

    /** Active checks that failed (HAProxy's {@code chkfail}). */
    public long checksFailed() {
        return checksFailed.sum();
    }

    /** Times the balancer chose this server. */
    public long balancedTotal() {
        return balanced.sum();
    }

    /** Seconds since the last session started, -1 when none has (HAProxy's {@code lastsess}). */
    public long secondsSinceLastSession() {
        return hadSession ? TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - lastSessionNanos) : -1;
    }

    /** Sessions started during the last second. */
    public long sessionRate() {
        return sessionRate;
    }

    /** The highest {@link #sessionRate()} seen. */
    public long sessionRateMax() {
        return sessionRateMax;
    }

    /** Requests received during the last second. */
    public long requestRate() {
        return requestRate;
    }

    /** The highest {@link #requestRate()} seen. */
    public long requestRateMax() {
        return requestRateMax;
    }
}
