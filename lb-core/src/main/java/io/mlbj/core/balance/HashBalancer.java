package io.mlbj.core.balance;

import io.mlbj.core.routing.RequestView;
import io.mlbj.core.routing.Server;

/**
 * Map-based hashing ({@code source}, {@code uri}, {@code url_param}, {@code hdr}): the request's key is
 * hashed and taken modulo the server map; a request without the key is balanced by {@code fallback}
 * (round robin over the same map, as HAProxy's {@code map_get_server_rr}).
 */
final class HashBalancer implements Balancer {
    private final LiveSchedule map;
    private final HashKey key;
    private final Balancer fallback;
    // A racy counter is enough: it only spaces out the rechecks for servers that came back up.
    private int calls;

    HashBalancer(LiveSchedule map, HashKey key, Balancer fallback) {
        this.map = map;
        this.key = key;
        this.fallback = fallback;
    }

    @Override
    public Server choose(RequestView request, ServerStatus status, Server excluded) {
        long hash = key.hash(request);
        if (hash < 0) {
            return fallback.choose(request, status, excluded);
        }
        boolean recheck = (calls++ & LiveSchedule.RECHECK_MASK) == 0;
        return map.pick(hash, status, excluded, recheck);
    }
}
