package io.mlbj.core.pool;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.RoutingSnapshot;
import io.mlbj.core.routing.Server;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** One {@link BackendPool} per event loop, created on first use by that loop. */
public final class BackendPools {
    private final ConcurrentHashMap<EventLoop, BackendPool> pools = new ConcurrentHashMap<>();
    private final Class<? extends SocketChannel> channelType;
    private final ServerTlsHandlers tls;
    private final ServerAddressResolver addresses;

    /** Pools whose connections are of {@code channelType} (matching the event loops' transport). */
    public BackendPools(Class<? extends SocketChannel> channelType, ServerTlsHandlers tls) {
        this(channelType, tls, ServerAddressResolver.SYSTEM);
    }

    /** Pools that look server host names up with {@code addresses}. */
    public BackendPools(Class<? extends SocketChannel> channelType, ServerTlsHandlers tls, ServerAddressResolver addresses) {
        this.channelType = requireNonNull(channelType, "channelType");
        this.tls = requireNonNull(tls, "tls");
        this.addresses = requireNonNull(addresses, "addresses");
    }

    /** The pool of {@code loop}; call it from that loop. */
    public BackendPool forLoop(EventLoop loop) {
        BackendPool p = pools.get(loop);
        return p != null ? p : pools.computeIfAbsent(loop, l -> new BackendPool(l, channelType, tls, addresses));
    }

    /** After a swap: each loop closes its idle connections to servers no longer in {@code next}. */
    public void retainServersOf(RoutingSnapshot next) {
        Set<Server> keep = new HashSet<>();
        for (Backend b : next.backends().values()) {
            keep.addAll(b.servers());
        }
        Set<Server> frozen = Set.copyOf(keep);
        pools.values().forEach(p -> p.eventLoop().execute(() -> p.retainOnly(frozen)));
    }

    /** Closes every idle connection of every loop. */
    public void closeIdle() {
        pools.values().forEach(p -> p.eventLoop().execute(p::closeIdle));
    }
}
