package io.mlbj.core.proxy;

import io.mlbj.core.routing.Backend;

/**
 * The one place where sticky sessions plug into the HTTP flow: for each backend of a routing snapshot it
 * prepares, once, a {@link BackendPersistence} that pins requests to servers and edits responses.
 * {@link RouteIndex} keeps what it prepares next to the backend's balancer.
 */
@FunctionalInterface
public interface ServerPersistence {
    /** No stickiness: every request is balanced and responses are left alone. */
    ServerPersistence NONE = backend -> null;

    /**
     * The persistence of {@code backend} for one routing snapshot, or null when its requests are never
     * pinned. Called once per backend per snapshot, on the thread that swaps the snapshot; the result is
     * shared by every event loop.
     */
    BackendPersistence<?> forBackend(Backend backend);
}
