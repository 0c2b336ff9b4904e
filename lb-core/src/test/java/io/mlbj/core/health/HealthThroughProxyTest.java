package io.mlbj.core.health;

import static io.mlbj.core.health.HealthChecksTest.await;
import static io.mlbj.core.health.HealthChecksTest.closedPort;
import static io.mlbj.core.health.HealthChecksTest.http;
import static io.mlbj.core.health.HealthChecksTest.server;
import static io.mlbj.core.health.HealthChecksTest.tcp;
import static io.mlbj.core.proxy.Fixtures.LONG;
import static io.mlbj.core.proxy.Fixtures.backend;
import static io.mlbj.core.proxy.Fixtures.httpFrontend;
import static io.mlbj.core.proxy.Fixtures.localPort0;
import static io.mlbj.core.proxy.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.LbServer;
import io.mlbj.core.LbServerOptions;
import io.mlbj.core.Transport;
import io.mlbj.core.pool.ServerConnectionCounts;
import io.mlbj.core.pool.ServerTlsHandlers;
import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.Balance;
import io.mlbj.core.routing.BindAddress;
import io.mlbj.core.routing.ProxyMode;
import io.mlbj.core.routing.RoutingTable;
import io.mlbj.core.routing.Server;
import io.mlbj.core.routing.StickyCookie;
import io.mlbj.core.sticky.CookieState;
import io.mlbj.core.sticky.StickyCookieCodec;
import io.mlbj.core.sticky.StickyRequestDecision;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A real LbServer: a server that fails its checks gets no traffic, and gets it again once it passes them. */
class HealthThroughProxyTest {
    private final CheckTarget a = CheckTarget.start("a");
    private final CheckTarget b = CheckTarget.start("b");
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private LbServer lb;
    private int port;

    @AfterEach
    void stop() {
        if (lb != null) {
            lb.close(Duration.ofSeconds(1));
        }
        a.close();
        b.close();
    }

    private void get(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            HttpResponse<String> r = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void serverFailingItsChecksGetsNoTrafficUntilItPassesRiseChecks() throws Exception {
        Server sa = server("a", a.port(), http(2, 3, 0, Duration.ofSeconds(10)));
        Server sb = server("b", b.port(), http(2, 3, 0, Duration.ofSeconds(10)));
        Backend be = backend("be", LONG, sa, sb);
        BindAddress bind = localPort0();
        RoutingTable table = new RoutingTable(snapshot(List.of(httpFrontend(bind, "be", LONG)), be));
        lb = new LbServer(table, LbServerOptions.defaults().withIoThreads(2)).start();
        port = lb.boundAddress(bind).getPort();
        ServerHealthView va = lb.health().server("be", sa);
        assertThat(lb.health().checkedServers()).isEqualTo(2);
        ServerHealthView vb = lb.health().server("be", sb);
        await("a and b fully up", () -> "UP".equals(va.statusText()) && "UP".equals(vb.statusText()));

        get(10);
        assertThat(a.trafficRequests()).isEqualTo(5);
        assertThat(b.trafficRequests()).isEqualTo(5);

        a.healthStatus(503);
        await("a down", () -> !va.isUp());
        assertThat(va.failures()).isEqualTo(3);
        assertThat(lb.serverStatus().isUp(sa)).isFalse();
        get(20);
        assertThat(a.trafficRequests()).as("no new traffic to a down server").isEqualTo(5);
        assertThat(b.trafficRequests()).isEqualTo(25);

        a.healthStatus(200);
        await("a up again", va::isUp);
        assertThat(va.lastCheckText()).isEqualTo("L7OK 200");
        // The round-robin table notices a returning server within 256 picks, then alternates again.
        get(300);
        int aBefore = a.trafficRequests();
        assertThat(aBefore).as("traffic again after rise checks").isGreaterThan(5);
        get(10);
        assertThat(a.trafficRequests() - aBefore).isEqualTo(5);
    }

    @Test
    void swapThatKeepsTheServerKeepsItDownAndOneThatRemovesItStopsItsChecks() throws Exception {
        Server dead = server("dead", closedPort(), tcp(2, 3));
        Server sb = server("b", b.port(), http(2, 3, 0, Duration.ofSeconds(10)));
        BindAddress bind = localPort0();
        RoutingTable table = new RoutingTable(
                snapshot(List.of(httpFrontend(bind, "be", LONG)), backend("be", LONG, dead, sb)));
        lb = new LbServer(table, LbServerOptions.defaults().withIoThreads(2)).start();
        port = lb.boundAddress(bind).getPort();
        ServerHealthView vd = lb.health().server("be", dead);
        ServerHealthView vb = lb.health().server("be", sb);
        await("dead is down, b fully up", () -> !vd.isUp() && "UP".equals(vb.statusText()));
        get(6);
        assertThat(b.trafficRequests()).isEqualTo(6);

        table.swap(snapshot(List.of(httpFrontend(bind, "be", LONG)), backend("be", LONG,
                server("dead", dead.port(), tcp(2, 3)), sb, server("a", a.port(), tcp(2, 3)))));
        assertThat(lb.health().server("be", dead)).isSameAs(vd);
        assertThat(lb.health().checkedServers()).isEqualTo(3);
        get(6);
        assertThat(b.trafficRequests() + a.trafficRequests()).as("the kept down server still gets nothing")
                .isEqualTo(12);

        table.swap(snapshot(List.of(httpFrontend(bind, "be", LONG)), backend("be", LONG, sb)));
        assertThat(lb.health().checkedServers()).isEqualTo(1);
        assertThat(lb.health().server("be", dead)).isNull();
        long checks = vd.checks();
        Thread.sleep(1000);
        assertThat(vd.checks()).as("removed: not checked any more").isLessThanOrEqualTo(checks + 1);
    }

    @Test
    void stickyCookieOfADownServerFallsBackToBalancing() throws Exception {
        Transport transport = Transport.detect();
        MultiThreadIoEventLoopGroup group = transport.newGroup(1, "hc-sticky");
        try (HealthChecks checks = new HealthChecks(group, transport.channelType(), ServerTlsHandlers.NONE)) {
            Server dead = new Server("dead", "127.0.0.1", closedPort(), 0, 1, "c-dead", false, null, tcp(2, 3), 0);
            Server live = new Server("live", "127.0.0.1", a.port(), 0, 1, "c-live", false, null, tcp(2, 3), 0);
            StickyCookie cookie = new StickyCookie("SRV", StickyCookie.Mode.INSERT, true, true, false, false, false,
                    false, List.of(), null, null, List.of());
            Backend be = new Backend("be", ProxyMode.HTTP, Balance.ROUNDROBIN, cookie, List.of(dead, live), true,
                    false, true, 3, List.of(), List.of(), LONG);
            checks.apply(snapshot(List.of(), be));
            StickyCookieCodec codec = StickyCookieCodec.forBackend(be);
            ServerConnectionCounts status = new ServerConnectionCounts(checks::isUp);
            ServerHealthView vd = checks.server("be", dead);
            ServerHealthView vl = checks.server("be", live);
            await("dead down, live checked", () -> !vd.isUp() && vl.checks() >= 1);

            StickyRequestDecision toDead = codec.decide(List.of("SRV=c-dead"), status);
            assertThat(toDead.server()).isNull();
            assertThat(toDead.state()).isEqualTo(CookieState.DOWN);
            StickyRequestDecision toLive = codec.decide(List.of("SRV=c-live"), status);
            assertThat(toLive.server()).isEqualTo(live);
            assertThat(toLive.state()).isEqualTo(CookieState.VALID);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }
}
