package io.mlbj.core.proxy;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.balance.Balancer;
import io.mlbj.core.haproxy.UseBackendIndex;
import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.BindAddress;
import io.mlbj.core.routing.Frontend;
import io.mlbj.core.routing.RequestView;
import io.mlbj.core.routing.RoutingSnapshot;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One routing snapshot prepared for the forwarding path: the frontend of each bind address, one
 * {@link Balancer} per backend, its sticky-session {@link BackendPersistence} and the decision to forward to
 * it (keyed by the Backend record's identity, so a swap makes new ones). Immutable after construction; read by
 * every event loop.
 */
public final class RouteIndex {
    private final RoutingSnapshot snapshot;
    private final Map<BindAddress, Frontend> frontendByBind;
    private final Map<String, Frontend> frontendByName;
    private final Map<Backend, Balancer> balancers;
    private final Map<Backend, BackendPersistence<?>> persistences;
    // Made once per backend rather than per request routed to it.
    private final Map<Backend, HttpRequestRouter.Decision> forwards;
    private final Map<Frontend, UseBackendIndex<Backend>> useBackends;

    /** Prepares {@code snapshot}, making each backend's balancer with {@code balancerFactory}; no stickiness. */
    public RouteIndex(RoutingSnapshot snapshot, Function<Backend, Balancer> balancerFactory) {
        this(snapshot, balancerFactory, ServerPersistence.NONE);
    }

    /**
     * Prepares {@code snapshot}, making each backend's balancer with {@code balancerFactory} and its
     * sticky sessions with {@code persistence}.
     */
    public RouteIndex(RoutingSnapshot snapshot, Function<Backend, Balancer> balancerFactory,
            ServerPersistence persistence) {
        this.snapshot = requireNonNull(snapshot, "snapshot");
        requireNonNull(balancerFactory, "balancerFactory");
        requireNonNull(persistence, "persistence");
        Map<BindAddress, Frontend> byBind = new HashMap<>();
        for (Frontend f : snapshot.frontends()) {
            for (BindAddress b : f.binds()) {
                // HAProxy would share a port between frontends with SO_REUSEPORT; the first declared wins here.
                byBind.putIfAbsent(b, f);
            }
        }
        this.frontendByBind = Collections.unmodifiableMap(byBind);
        Map<String, Frontend> byName = new HashMap<>();
        for (Frontend f : snapshot.frontends()) {
            byName.putIfAbsent(f.name(), f);
        }
        this.frontendByName = Collections.unmodifiableMap(byName);
        Map<Backend, Balancer> byBackend = new IdentityHashMap<>();
        Map<Backend, HttpRequestRouter.Decision> forwardTo = new IdentityHashMap<>();
        for (Backend b : snapshot.backends().values()) {
            byBackend.put(b, requireNonNull(balancerFactory.apply(b), "balancer of " + b.name()));
            forwardTo.put(b, new HttpRequestRouter.Decision(b, null));
        }
        this.balancers = Collections.unmodifiableMap(byBackend);
        this.forwards = Collections.unmodifiableMap(forwardTo);
        Map<Backend, BackendPersistence<?>> sticky = new IdentityHashMap<>();
        for (Backend b : snapshot.backends().values()) {
            BackendPersistence<?> p = persistence.forBackend(b);
            if (p != null) {
                sticky.put(b, p);
            }
        }
        this.persistences = Collections.unmodifiableMap(sticky);
        Map<Frontend, UseBackendIndex<Backend>> rules = new IdentityHashMap<>();
        for (Frontend f : snapshot.frontends()) {
            rules.put(f, UseBackendIndex.of(f.rules(), snapshot::backend));
        }
        this.useBackends = Collections.unmodifiableMap(rules);
    }

    /** The snapshot this index was made from. */
    public RoutingSnapshot snapshot() {
        return snapshot;
    }

    /** The frontend listening on {@code bind}, or null when none does any more. */
    public Frontend frontend(BindAddress bind) {
        return frontendByBind.get(bind);
    }

    /**
     * The frontend for a connection accepted on {@code bind} by frontend {@code name}: the one now on
     * that bind, else the one of that name (its listener may have moved or closed), else null.
     */
    public Frontend frontend(BindAddress bind, String name) {
        Frontend f = frontendByBind.get(bind);
        return f != null || name == null ? f : frontendByName.get(name);
    }

    /** Every bind address with its frontend. */
    public Map<BindAddress, Frontend> frontendsByBind() {
        return frontendByBind;
    }

    /** The balancer of a backend of this snapshot. */
    public Balancer balancer(Backend backend) {
        Balancer b = balancers.get(backend);
        if (b == null) {
            throw new IllegalArgumentException("backend " + backend.name() + " is not part of this snapshot");
        }
        return b;
    }

    /**
     * The backend chosen by {@code frontend}'s {@code use_backend} rules for {@code request} (HAProxy's
     * first match, looked up in the index of this snapshot), or null when none applies.
     */
    public Backend useBackend(Frontend frontend, RequestView request) {
        UseBackendIndex<Backend> rules = useBackends.get(frontend);
        return rules != null ? rules.route(request) : HttpRequestRouter.useBackendInOrder(snapshot, frontend, request);
    }

    /** The decision to forward a request to {@code backend}, a backend of this snapshot. */
    HttpRequestRouter.Decision forwardTo(Backend backend) {
        HttpRequestRouter.Decision d = forwards.get(backend);
        return d != null ? d : new HttpRequestRouter.Decision(backend, null);
    }

    /** The sticky sessions of a backend of this snapshot, or null when its requests are never pinned. */
    public BackendPersistence<?> persistence(Backend backend) {
        return persistences.get(backend);
    }
}
