package io.mlbj.core.haproxy;

import io.mlbj.core.routing.RequestView;

/**
 * A request view that also knows live server health, for {@code nbsrv(backend)}; without it,
 * {@code nbsrv} counts the backend's servers that are not {@code disabled}.
 */
public interface ServerCountView extends RequestView {
    /** How many servers of {@code backend} are up and not disabled right now. */
    int usableServers(String backend);
}
