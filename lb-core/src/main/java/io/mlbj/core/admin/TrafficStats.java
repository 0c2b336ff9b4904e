package io.mlbj.core.admin;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.Frontend;
import io.mlbj.core.routing.RoutingSnapshot;
import io.mlbj.core.routing.Server;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Every frontend's and backend's counters, by name (so they survive routing swaps, as HAProxy's
 * server state does), each published to a Micrometer registry as it is created. Lookups on the
 * forwarding path are {@link ConcurrentHashMap#get} with the names' cached hashes: no lock, no allocation.
 */
public final class TrafficStats {
    /** Bucket bounds of the latency histograms (stats page and {@code _bucket} series). */
    public static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofSeconds(30),
    };

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, ProxyCounters> frontends = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, BackendCounters> backends = new ConcurrentHashMap<>();
    // Meters of each counters object, removed from the registry with it.
    private final Map<Object, List<Meter>> meters = new ConcurrentHashMap<>();

    /** Counters published to {@code registry}. */
    public TrafficStats(MeterRegistry registry) {
        this.registry = requireNonNull(registry, "registry");
    }

    /** Counters published nowhere (tests and embedders without metrics). */
    public static TrafficStats unpublished() {
        return new TrafficStats(new SimpleMeterRegistry());
    }

    /** The counters of the frontend named {@code name}. */
    public ProxyCounters frontend(String name) {
        ProxyCounters c = frontends.get(name);
        return c != null ? c : frontends.computeIfAbsent(name, this::newFrontend);
    }

    /** The counters of the backend named {@code name}. */
    public BackendCounters backend(String name) {
        BackendCounters c = backends.get(name);
        return c != null ? c : backends.computeIfAbsent(name, this::newBackend);
    }

    /** The frontend's counters if it has any yet, else null. */
    public ProxyCounters existingFrontend(String name) {
        return frontends.get(name);
    }

    /** The backend's counters if it has any yet, else null. */
    public BackendCounters existingBackend(String name) {
        return backends.get(name);
    }

    /** Client connections open on every frontend now (HAProxy's {@code %ac}). */
    public long activeSessions() {
        long n = 0;
        for (ProxyCounters c : frontends.values()) {
            n += c.sessionsCurrent();
        }
        return n;
    }

    /** Once a second: per-second rates of every counter (one caller thread). */
    public void sampleRates() {
        for (ProxyCounters c : frontends.values()) {
            c.sampleRates();
        }
        for (BackendCounters c : backends.values()) {
            c.sampleRates();
        }
    }

    /** After a swap: forgets (and unpublishes) the counters of names {@code snapshot} no longer has. */
    public void retain(RoutingSnapshot snapshot) {
        Set<String> fes = new HashSet<>();
        for (Frontend f : snapshot.frontends()) {
            fes.add(f.name());
        }
        for (String name : frontends.keySet()) {
            if (!fes.contains(name)) {
                unpublish(frontends.remove(name));
            }
        }
        Map<String, Set<String>> servers = new HashMap<>();
        for (Backend b : snapshot.backends().values()) {
            Set<String> names = servers.computeIfAbsent(b.name(), k -> new HashSet<>());
            for (Server s : b.servers()) {
                names.add(s.name());
            }
        }
        for (var e : backends.entrySet()) {
            Set<String> keep = servers.get(e.getKey());
            if (keep == null) {
                BackendCounters gone = backends.remove(e.getKey());
                if (gone != null) {
                    gone.retainServers(Set.of());
                    unpublish(gone.totals());
                    registry.remove(gone.responseTime());
                    registry.remove(gone.connectTime());
                }
            } else {
                e.getValue().retainServers(keep);
            }
        }
    }

    private void unpublish(Object counters) {
        List<Meter> list = counters == null ? null : meters.remove(counters);
        if (list != null) {
            list.forEach(registry::remove);
        }
    }

    private ProxyCounters newFrontend(String name) {
        return published(new ProxyCounters(), "lb.frontend.", Tags.of("frontend", name));
    }

    private BackendCounters newBackend(String name) {
        Tags tags = Tags.of("backend", name);
        ProxyCounters totals = published(new ProxyCounters(), "lb.backend.", tags);
        // One time window instead of Micrometer's three: every window is a histogram each sample is counted
        // into, once per request, and the windowed copy serves no reader under Prometheus (its buckets are
        // cumulative); the exported series are the same.
        Timer response = Timer.builder("lb.backend.response").tags(tags)
                .description("Time from a request's start to its server's response head")
                .serviceLevelObjectives(LATENCY_BUCKETS).distributionStatisticBufferLength(1).register(registry);
        Timer connect = Timer.builder("lb.backend.connect").tags(tags)
                .description("Time of successful connection attempts to the backend's servers")
                .serviceLevelObjectives(LATENCY_BUCKETS).distributionStatisticBufferLength(1).register(registry);
        return new BackendCounters(totals, response, connect,
                server -> publishedServer(tags.and("server", server)),
                this::unpublish);
    }

    private ProxyCounters publishedServer(Tags tags) {
        ProxyCounters c = published(new ProxyCounters(), "lb.server.", tags);
        List<Meter> list = meters.get(c);
        counter(list, "lb.server.checks", c, ProxyCounters::checksPassed, tags.and("result", "passed"), null,
                "Active health checks by result");
        counter(list, "lb.server.checks", c, ProxyCounters::checksFailed, tags.and("result", "failed"), null,
                "Active health checks by result");
        return c;
    }

    private ProxyCounters published(ProxyCounters c, String prefix, Tags tags) {
        List<Meter> list = new ArrayList<>();
        list.add(Gauge.builder(prefix + "sessions.active", c, ProxyCounters::sessionsCurrent).tags(tags)
                .description("Sessions in progress").register(registry));
        counter(list, prefix + "sessions", c, ProxyCounters::sessionsTotal, tags, null, "Sessions since start");
        counter(list, prefix + "received", c, ProxyCounters::bytesIn, tags, "bytes", "Bytes received from clients");
        counter(list, prefix + "sent", c, ProxyCounters::bytesOut, tags, "bytes", "Bytes sent to clients");
        for (int i = 0; i < ProxyCounters.RESPONSE_CLASSES.length; i++) {
            int k = i;
            counter(list, prefix + "responses", c, x -> x.responses(k), tags.and("code", ProxyCounters.RESPONSE_CLASSES[i]),
                    null, "HTTP responses by status class");
        }
        if (prefix.equals("lb.frontend.")) {
            counter(list, prefix + "requests", c, ProxyCounters::requests, tags, null, "HTTP requests received");
            counter(list, prefix + "request.errors", c, ProxyCounters::requestErrors, tags, null, "Refused requests");
        } else {
            counter(list, prefix + "connect.errors", c, ProxyCounters::connectErrors, tags, null, "Failed connection attempts");
            counter(list, prefix + "response.errors", c, ProxyCounters::responseErrors, tags, null, "Failed responses");
            counter(list, prefix + "retries", c, ProxyCounters::retries, tags, null, "Retried connection attempts");
            counter(list, prefix + "redispatches", c, ProxyCounters::redispatches, tags, null,
                    "Retries sent to another server");
        }
        meters.put(c, list);
        return c;
    }

    private void counter(List<Meter> list, String name, ProxyCounters c, ToDoubleFunction<ProxyCounters> f, Tags tags,
            String unit, String description) {
        list.add(FunctionCounter.builder(name, c, f).tags(tags).baseUnit(unit).description(description).register(registry));
    }
}
