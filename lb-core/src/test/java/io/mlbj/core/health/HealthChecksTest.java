package io.mlbj.core.health;

import static io.mlbj.core.proxy.Fixtures.LONG;
import static io.mlbj.core.proxy.Fixtures.backend;
import static io.mlbj.core.proxy.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.Transport;
import io.mlbj.core.pool.ServerTlsHandlers;
import io.mlbj.core.routing.HealthCheck;
import io.mlbj.core.routing.HttpCheckExpect;
import io.mlbj.core.routing.RoutingSnapshot;
import io.mlbj.core.routing.Server;
import io.mlbj.core.routing.ServerTls;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Health checks against real sockets on 127.0.0.1: TCP, HTTP, TLS, timeouts, swaps. */
class HealthChecksTest {
    static final Duration FAST = Duration.ofMillis(100);
    private final Transport transport = Transport.detect();
    private final MultiThreadIoEventLoopGroup group = transport.newGroup(1, "hc-test");
    private HealthChecks checks = new HealthChecks(group, transport.channelType(), ServerTlsHandlers.NONE);
    private CheckTarget target;
    private Channel tlsServer;

    @AfterEach
    void stop() {
        checks.close();
        if (target != null) {
            target.close();
        }
        if (tlsServer != null) {
            tlsServer.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    static HealthCheck tcp(int rise, int fall) {
        return new HealthCheck(FAST, rise, fall, 0, null, null, Duration.ofSeconds(2), FAST, FAST, null, 0, 0);
    }

    static HealthCheck http(int rise, int fall, int expect, Duration timeout) {
        return new HealthCheck(FAST, rise, fall, 0, "GET", "/health", timeout, FAST, FAST, "HTTP/1.0", expect, 0);
    }

    static Server server(String name, int port, HealthCheck check) {
        return new Server(name, "127.0.0.1", port, 0, 1, null, false, null, check, 0);
    }

    static RoutingSnapshot oneServer(Server s) {
        return snapshot(List.of(), backend("be", LONG, s));
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(10);
        }
    }

    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void tcpCheckOfAClosedPortFailsWithL4conAndTheServerGoesDownAtTheFirstFailure() throws Exception {
        Server s = server("s1", closedPort(), tcp(2, 3));
        checks.apply(oneServer(s));
        ServerHealthView v = checks.server("be", s);
        assertThat(v.isUp()).as("HAProxy starts a checked server up").isTrue();
        assertThat(v.lastCheck()).isEqualTo(CheckStatus.INI);
        await("3 checks", () -> v.checks() >= 3);
        assertThat(v.lastCheck()).isEqualTo(CheckStatus.L4CON);
        assertThat(v.lastCheckText()).isEqualTo("L4CON");
        assertThat(v.isUp()).isFalse();
        assertThat(checks.isUp(s)).isFalse();
        assertThat(v.state()).isEqualTo(ServerState.DOWN);
        assertThat(v.statusText()).isEqualTo("DOWN");
        assertThat(v.downTransitions()).isEqualTo(1);
        assertThat(v.failures()).as("failures of a fully down server are not counted (chkfail)").isEqualTo(1);
    }

    @Test
    void tcpCheckOfAListenerPasses() throws Exception {
        target = CheckTarget.start("t");
        Server s = server("s1", target.port(), tcp(2, 3));
        checks.apply(oneServer(s));
        ServerHealthView v = checks.server("be", s);
        await("2 checks", () -> v.checks() >= 2);
        assertThat(v.lastCheck()).isEqualTo(CheckStatus.L4OK);
        assertThat(v.statusText()).isEqualTo("UP");
        assertThat(v.state()).isEqualTo(ServerState.UP);
        assertThat(v.failures()).isZero();
        assertThat(checks.isUp(s)).isTrue();
        assertThat(target.healthRequests()).as("a TCP check sends nothing").isZero();
    }

    @Test
    void aServerNamedByHostNameIsCheckedAndAnUnknownNameIsDown() throws Exception {
        target = CheckTarget.start("t");
        Server byName = new Server("s1", "localhost", target.port(), 0, 1, null, false, null,
                http(1, 1, 0, Duration.ofSeconds(5)), 0);
        Server unknown = new Server("s2", "no-such-server.invalid", target.port(), 0, 1, null, false, null,
                tcp(1, 1), 0);
        checks.apply(snapshot(List.of(), backend("be", LONG, byName, unknown)));
        ServerHealthView named = checks.server("be", byName);
        ServerHealthView missing = checks.server("be", unknown);
        await("2 checks of the named server", () -> named.checks() >= 2);
        assertThat(named.lastCheck()).isEqualTo(CheckStatus.L7OK);
        assertThat(named.isUp()).isTrue();
        assertThat(target.healthRequests()).isGreaterThanOrEqualTo(2);
        await("a check of the unknown name", () -> missing.checks() >= 1);
        assertThat(missing.lastCheck()).isIn(CheckStatus.L4CON, CheckStatus.L4TOUT);
        assertThat(missing.isUp()).isFalse();
    }

    @Test
    void httpCheckOfA503EndpointIsL7stsAndDown() throws Exception {
        target = CheckTarget.start("t");
        target.healthStatus(503);
        Server s = server("s1", target.port(), http(2, 3, 0, Duration.ofSeconds(10)));
        checks.apply(oneServer(s));
        ServerHealthView v = checks.server("be", s);
        await("2 checks", () -> v.checks() >= 2);
        assertThat(v.lastCheck()).isEqualTo(CheckStatus.L7STS);
        assertThat(v.lastCheckCode()).isEqualTo(503);
        assertThat(v.lastCheckText()).isEqualTo("L7STS 503");
        assertThat(v.isUp()).isFalse();
        assertThat(target.lastHealthRequestLine()).isEqualTo("GET /health HTTP/1.0");
    }

    @Test
    void httpCheckExpectingAStatusFailsOnOtherPassingStatuses() throws Exception {
        target = CheckTarget.start("t");
        target.healthStatus(200);
        Server s = server("s1", target.port(), http(2, 3, 204, Duration.ofSeconds(10)));
        checks.apply(oneServer(s));
        ServerHealthView v = checks.server("be", s);
        await("a check", () -> v.checks() >= 1);
        assertThat(v.lastCheckText()).isEqualTo("L7STS 200");
        target.healthStatus(204);
        await("back up", v::isUp);
        assertThat(v.lastCheckText()).isEqualTo("L7OK 204");
    }

    static HealthCheck expecting(HttpCheckExpect expect) {
        return new HealthCheck(FAST, 1, 1, 0, "GET", "/health", Duration.ofSeconds(10), FAST, FAST, "HTTP/1.0", 0, 0,
                expect);
    }

    @Test
    void stringExpectReadsTheBodyOfARealAnswer() throws Exception {
        target = CheckTarget.start("t");
        target.healthBody("{\"status\":\"DOWN\"}");
        Server s = server("s1", target.port(),
                expecting(new HttpCheckExpect(HttpCheckExpect.Kind.STRING, false, "\"status\":\"UP\"")));
        checks.apply(oneServer(s));
        ServerHealthView v = checks.server("be", s);
        await("down on the body", () -> !v.isUp() && v.checks() >= 1);
        assertThat(v.lastCheckText()).isEqualTo("L7RSP 200");
        target.healthBody("{\"status\":\"UP\"}");
        await("up on the body", v::isUp);
        assertThat(v.lastCheckText()).isEqualTo("L7OK 200");
    }

    @Test
    void negatedRstringFailsWhenTheBodyMatches() throws Exception {
        target = CheckTarget.start("t");
        target.healthBody("all good");
        Server s = server("s1", target.port(),
                expecting(new HttpCheckExpect(HttpCheckExpect.Kind.RSTRING, true, "ERR(OR)?")));
        checks.apply(oneServer(s));
        ServerHealthView v = checks.server("be", s);
        await("2 checks", () -> v.checks() >= 2);
        assertThat(v.lastCheckText()).isEqualTo("L7OK 200");
        target.healthBody("disk ERROR");
        await("down on the unwanted text", () -> !v.isUp());
        assertThat(v.lastCheckText()).isEqualTo("L7RSP 200");
    }

    @Test
    void negatedStatusAndRstatusJudgeTheStatusCode() throws Exception {
        target = CheckTarget.start("t");
        target.healthStatus(404);
        Server notUnavailable = server("s1", target.port(),
                expecting(new HttpCheckExpect(HttpCheckExpect.Kind.STATUS, true, "503")));
        Server only2xx = server("s2", target.port(),
                expecting(new HttpCheckExpect(HttpCheckExpect.Kind.RSTATUS, false, "^2")));
        checks.apply(snapshot(List.of(), backend("be", LONG, notUnavailable, only2xx)));
        ServerHealthView a = checks.server("be", notUnavailable);
        ServerHealthView b = checks.server("be", only2xx);
        await("checks of both", () -> a.checks() >= 2 && b.checks() >= 2);
        assertThat(a.lastCheckText()).as("404 is not 503").isEqualTo("L7OK 404");
        assertThat(a.isUp()).isTrue();
        assertThat(b.lastCheckText()).isEqualTo("L7STS 404");
        assertThat(b.isUp()).isFalse();
        target.healthStatus(503);
        await("s1 down, s2 still down", () -> !a.isUp() && a.lastCheckText().equals("L7STS 503"));
        target.healthStatus(201);
        await("both up", () -> a.isUp() && b.isUp());
    }

    @Test
    void serverThatAcceptsButNeverAnswersTimesOutWithL7tout() throws Exception {
        // The kernel completes the handshakes of a listening socket that never calls accept().
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Server s = server("s1", silent.getLocalPort(), http(2, 3, 0, Duration.ofMillis(200)));
            checks.apply(oneServer(s));
            ServerHealthView v = checks.server("be", s);
            await("a check", () -> v.checks() >= 1);
            assertThat(v.lastCheck()).isEqualTo(CheckStatus.L7TOUT);
            assertThat(v.lastCheckDurationMillis()).isGreaterThanOrEqualTo(190);
            assertThat(v.isUp()).isFalse();
        }
    }

    @Test
    void goesDownAfterFallFailuresAndBackAfterRiseSuccesses() throws Exception {
        target = CheckTarget.start("t");
        Server s = server("s1", target.port(), http(2, 3, 0, Duration.ofSeconds(10)));
        checks.apply(oneServer(s));
        ServerHealthView v = checks.server("be", s);
        await("fully up", () -> "UP".equals(v.statusText()));
        target.healthStatus(500);
        await("down", () -> !v.isUp());
        assertThat(v.failures()).as("fall = 3 failures took it down").isEqualTo(3);
        assertThat(v.downTransitions()).isEqualTo(1);
        long downAt = v.lastChangeMillis();
        long checksWhenDown = v.checks();
        target.healthStatus(200);
        await("up", v::isUp);
        assertThat(v.checks() - checksWhenDown).as("rise = 2 successes").isGreaterThanOrEqualTo(2);
        assertThat(v.lastChangeMillis()).isGreaterThanOrEqualTo(downAt);
        assertThat(v.lastCheckText()).isEqualTo("L7OK 200");
        assertThat(v.failures()).isEqualTo(3);
    }

    @Test
    void stateSurvivesASwapThatKeepsTheServer() throws Exception {
        int port = closedPort();
        Server s = server("s1", port, tcp(2, 3));
        checks.apply(oneServer(s));
        ServerHealthView v = checks.server("be", s);
        await("down", () -> !v.isUp());
        // An equal record from a new snapshot, and then one with another weight and draining.
        Server same = server("s1", port, tcp(2, 3));
        checks.apply(oneServer(same));
        assertThat(checks.server("be", same)).isSameAs(v);
        assertThat(checks.isUp(same)).isFalse();
        assertThat(checks.isUp(s)).as("the older snapshot's equal record, as a request in flight holds it").isFalse();
        Server drained = new Server("s1", "127.0.0.1", port, 0, 5, null, true, null, tcp(2, 3), 0);
        checks.apply(oneServer(drained));
        assertThat(checks.server("be", drained)).isSameAs(v);
        assertThat(checks.isUp(drained)).isFalse();
        await("new settings in use", () -> v.server().equals(drained));
        assertThat(v.state()).isEqualTo(ServerState.MAINT);
        assertThat(v.downTransitions()).isEqualTo(1);
        assertThat(checks.checkedServers()).isEqualTo(1);
    }

    @Test
    void aSwapThatRemovesAServerStopsItsChecks() throws Exception {
        target = CheckTarget.start("t");
        Server s = server("s1", target.port(), http(2, 3, 0, Duration.ofSeconds(10)));
        checks.apply(oneServer(s));
        await("checks reach the server", () -> target.healthRequests() >= 3);
        checks.apply(snapshot(List.of(), backend("be", LONG)));
        assertThat(checks.checkedServers()).isZero();
        assertThat(checks.server("be", s)).isNull();
        assertThat(checks.isUp(s)).as("an unchecked server is up").isTrue();
        Thread.sleep(300);
        int after = target.healthRequests();
        Thread.sleep(1000);
        assertThat(target.healthRequests()).as("no check after removal (10 intervals)").isEqualTo(after);
    }

    @Test
    void closeStopsEveryCheck() throws Exception {
        target = CheckTarget.start("t");
        checks.apply(oneServer(server("s1", target.port(), http(2, 3, 0, Duration.ofSeconds(10)))));
        await("checks reach the server", () -> target.healthRequests() >= 2);
        checks.close();
        assertThat(checks.checkedServers()).isZero();
        Thread.sleep(300);
        int after = target.healthRequests();
        Thread.sleep(1000);
        assertThat(target.healthRequests()).isEqualTo(after);
    }

    @Test
    void sslServerIsCheckedOverTls() throws Exception {
        SelfSignedCertificate cert = new SelfSignedCertificate("localhost");
        SslContext serverContext = SslContextBuilder.forServer(cert.certificate(), cert.privateKey()).build();
        tlsServer = new ServerBootstrap().group(group).channel(transport.serverChannelType())
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(serverContext.newHandler(ch.alloc()), new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                ReferenceCountUtil.release(msg);
                            }
                        });
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).syncUninterruptibly().channel();
        int port = ((InetSocketAddress) tlsServer.localAddress()).getPort();
        SslContext clientContext = SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build();
        checks.close();
        checks = new HealthChecks(group, transport.channelType(),
                (server, ch) -> clientContext.newHandler(ch.alloc(), server.host(), server.port()));
        Server tls = new Server("s1", "127.0.0.1", port, 0, 1, null, false, new ServerTls(false, null, null),
                tcp(2, 3), 0);
        checks.apply(oneServer(tls));
        ServerHealthView v = checks.server("be", tls);
        await("2 checks", () -> v.checks() >= 2);
        assertThat(v.lastCheck()).isEqualTo(CheckStatus.L6OK);
        assertThat(v.isUp()).isTrue();
        cert.delete();
    }

    @Test
    void sslServerWithoutTlsSupportFailsWithL6rsp() throws Exception {
        target = CheckTarget.start("t");
        Server tls = new Server("s1", "127.0.0.1", target.port(), 0, 1, null, false, new ServerTls(false, null, null),
                tcp(2, 3), 0);
        checks.apply(oneServer(tls));
        ServerHealthView v = checks.server("be", tls);
        await("2 checks", () -> v.checks() >= 2);
        assertThat(v.lastCheck()).isEqualTo(CheckStatus.L6RSP);
        assertThat(v.isUp()).isFalse();
    }
}
