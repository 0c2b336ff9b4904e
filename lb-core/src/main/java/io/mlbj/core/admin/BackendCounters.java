package io.mlbj.core.admin;

import io.micrometer.core.instrument.Timer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One backend's counters: its totals, its servers' counters by server name, and its latency
 * histograms (time to the response head, time to connect). Safe to update from any event loop.
 */
public final class BackendCounters {
    private final ProxyCounters totals;
    private final Timer responseTime;
    private final Timer connectTime;
    private final ConcurrentHashMap<String, ProxyCounters> servers = new ConcurrentHashMap<>();
    private final Function<String, ProxyCounters> newServer;
    private final Consumer<ProxyCounters> dropServer;

    BackendCounters(ProxyCounters totals, Timer responseTime, Timer connectTime,
            Function<String, ProxyCounters> newServer, Consumer<ProxyCounters> dropServer) {
        this.totals = totals;
        this.responseTime = responseTime;
        this.connectTime = connectTime;
        this.newServer = newServer;
        this.dropServer = dropServer;
    }

    /** The backend's own counters. */
    public ProxyCounters totals() {
        return totals;
    }

    /** The counters of the server named {@code name} (created on first use, kept across swaps by name). */
    public ProxyCounters server(String name) {
        ProxyCounters c = servers.get(name);
        return c != null ? c : servers.computeIfAbsent(name, newServer);
    }

    /** The server's counters if it has any yet, else null (for readers that must not create them). */
    public ProxyCounters existingServer(String name) {
        return servers.get(name);
    }

    /** Records the time from the request's start to its response head. */
    public void recordResponseTime(long nanos) {
        responseTime.record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * HAProxy's {@code ctime}: connect time per forwarded request in milliseconds, a request sent on a reused
     * pooled connection counting 0 (only real connection attempts are timed, one per new connection).
     */
    public double meanConnectMillis() {
        long sessions = totals.sessionsTotal();
        return sessions == 0 ? 0 : connectTime.totalTime(TimeUnit.MILLISECONDS) / sessions;
    }

    /** Records the time one successful connection attempt took. */
    public void recordConnectTime(long nanos) {
        connectTime.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The histogram of times to the response head. */
    public Timer responseTime() {
        return responseTime;
    }

    /** The histogram of connect times (new connections only). */
    public Timer connectTime() {
        return connectTime;
    }

    /** Forgets servers whose names are not in {@code keep}. */
    void retainServers(Set<String> keep) {
        for (String name : servers.keySet()) {
            if (!keep.contains(name)) {
                ProxyCounters gone = servers.remove(name);
                if (gone != null) {
                    dropServer.accept(gone);
                }
            }
        }
    }

    /** Samples the rates of the backend and its servers. */
    void sampleRates() {
        totals.sampleRates();
        for (ProxyCounters c : servers.values()) {
            c.sampleRates();
        }
    }
}
