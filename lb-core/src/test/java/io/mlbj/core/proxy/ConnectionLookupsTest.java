package io.mlbj.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.pool.BackendPools;
import io.mlbj.core.pool.ServerConnectionCounts;
import io.mlbj.core.pool.ServerTlsHandlers;
import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.BindAddress;
import io.mlbj.core.routing.Frontend;
import io.mlbj.core.routing.ProxyMode;
import io.mlbj.core.routing.RoutingSnapshot;
import io.mlbj.core.routing.RoutingTable;
import io.mlbj.core.routing.Server;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A connection's lookups give what the shared maps give, and follow a swap that drops and re-adds counters. */
class ConnectionLookupsTest {
    private static final BindAddress BIND = new BindAddress("127.0.0.1", 0);

    @Test
    void countersFollowTheRoutingAndThePoolIsTheLoops() {
        Backend be = Fixtures.backend("be", Fixtures.LONG);
        Backend other = Fixtures.backend("other", Fixtures.LONG);
        Frontend fe = Fixtures.frontend("fe", BIND, ProxyMode.HTTP, "be", Fixtures.LONG, List.of(), List.of());
        RoutingSnapshot both = Fixtures.snapshot(List.of(fe), be, other);
        ForwardingContext context = new ForwardingContext(new LiveRoutes(new RoutingTable(both), TestRoundRobin::new),
                new BackendPools(NioSocketChannel.class, ServerTlsHandlers.NONE), new ServerConnectionCounts());
        DefaultEventLoop loop = new DefaultEventLoop();
        try {
            ConnectionLookups lookups = new ConnectionLookups(context, loop);
            RouteIndex first = context.routes().current();

            assertThat(lookups.pool()).isSameAs(context.pools().forLoop(loop)).isSameAs(lookups.pool());
            assertThat(lookups.frontend(first, "fe")).isSameAs(context.traffic().frontend("fe"));
            assertThat(lookups.backend(first, be)).isSameAs(context.traffic().backend("be"));
            assertThat(lookups.backend(first, other)).isSameAs(context.traffic().backend("other"));
            Server a = Fixtures.server("a", 1);
            Server b = Fixtures.server("b", 2);
            assertThat(lookups.server(first, be, a)).isSameAs(context.traffic().backend("be").server("a"));
            assertThat(lookups.server(first, be, b)).isSameAs(context.traffic().backend("be").server("b"));
            assertThat(lookups.server(first, other, b)).isSameAs(context.traffic().backend("other").server("b"))
                    .isNotSameAs(context.traffic().backend("be").server("b"));

            // "be" leaves the config (its counters are dropped), then comes back: new counters, which a
            // connection that kept the old ones would never count into.
            var dropped = context.traffic().backend("be");
            Frontend elsewhere = Fixtures.frontend("fe", BIND, ProxyMode.HTTP, "other", Fixtures.LONG, List.of(), List.of());
            context.traffic().retain(Fixtures.snapshot(List.of(elsewhere), other));
            RouteIndex second = new RouteIndex(both, TestRoundRobin::new);
            assertThat(lookups.backend(second, be)).isSameAs(context.traffic().backend("be")).isNotSameAs(dropped);
            assertThat(lookups.frontend(second, "fe")).isSameAs(context.traffic().frontend("fe"));
        } finally {
            loop.shutdownGracefully();
        }
    }
}
