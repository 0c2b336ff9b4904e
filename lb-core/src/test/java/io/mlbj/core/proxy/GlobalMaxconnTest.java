package io.mlbj.core.proxy;

import static io.mlbj.core.proxy.Fixtures.LONG;
import static io.mlbj.core.proxy.Fixtures.backend;
import static io.mlbj.core.proxy.Fixtures.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlbj.core.LbServer;
import io.mlbj.core.LbServerOptions;
import io.mlbj.core.demo.EchoBackend;
import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.BindAddress;
import io.mlbj.core.routing.Frontend;
import io.mlbj.core.routing.ProxyMode;
import io.mlbj.core.routing.RoutingSnapshot;
import io.mlbj.core.routing.RoutingTable;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * HAProxy's {@code global maxconn} over real sockets: connections above the limit wait in the kernel's
 * backlog, whichever frontend they come to, and are served once a connection closes; a swap applies a new
 * limit; nothing leaks.
 */
class GlobalMaxconnTest {
    private static final String GET = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
    /** How long a waiting connection is watched for an answer it must not get. */
    private static final int NOT_SERVED_MS = 1_000;

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final LeakCheck leakCheck = LeakCheck.start();
    private final BindAddress bindA = new BindAddress("127.0.0.1", 0);
    private final BindAddress bindB = new BindAddress("127.0.0.2", 0);
    private Backend be;
    private RoutingTable table;
    private LbServer lb;

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
        if (lb != null) {
            lb.close(Duration.ofSeconds(1));
        }
        List<String> leaks = leakCheck.leaks();
        leakCheck.close();
        assertThat(leaks).as("Netty leak reports").isEmpty();
    }

    private RoutingSnapshot snapshot(int globalMaxconn, int frontendMaxconn) {
        List<Frontend> frontends = List.of(
                new Frontend("fa", List.of(bindA), ProxyMode.HTTP, null, List.of(), "be", List.of(), List.of(), LONG,
                        frontendMaxconn, false),
                new Frontend("fb", List.of(bindB), ProxyMode.HTTP, null, List.of(), "be", List.of(), List.of(), LONG,
                        frontendMaxconn, false));
        return new RoutingSnapshot(frontends, Map.of("be", be), "", List.of(), globalMaxconn);
    }

    private void start(int globalMaxconn, int frontendMaxconn) {
        EchoBackend echo = EchoBackend.start("echo");
        closeables.add(echo);
        be = backend("be", LONG, server("s", echo.port()));
        table = new RoutingTable(snapshot(globalMaxconn, frontendMaxconn));
        lb = new LbServer(table, LbServerOptions.of(TestRoundRobin::new).withIoThreads(2)).start();
    }

    private RawHttp connect(BindAddress bind) throws IOException {
        RawHttp c = new RawHttp(bind.host(), lb.boundAddress(bind).getPort());
        closeables.add(c);
        return c;
    }

    /** A connection that got one answer and stays open (keep-alive). */
    private RawHttp served(BindAddress bind) throws IOException {
        RawHttp c = connect(bind);
        assertThat(c.send(GET).read(false).status()).isEqualTo(200);
        return c;
    }

    /** Sends a request on a connection that waits in the backlog: no answer comes while the limit holds. */
    private RawHttp waiting(BindAddress bind) throws IOException {
        RawHttp c = connect(bind);
        c.send(GET);
        c.socket().setSoTimeout(NOT_SERVED_MS);
        assertThatThrownBy(() -> c.read(false)).isInstanceOf(SocketTimeoutException.class);
        c.socket().setSoTimeout(30_000);
        return c;
    }

    private void awaitOpen(int n) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (lb.connectionLimits().open() != n && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertThat(lb.connectionLimits().open()).isEqualTo(n);
    }

    @Test
    void aThirdConnectionWaitsUntilOneOfTheFirstTwoCloses() throws Exception {
        start(2, 0);
        RawHttp first = served(bindA);
        served(bindA);
        RawHttp third = waiting(bindA);

        first.close();
        assertThat(third.read(false).status()).isEqualTo(200);
        awaitOpen(2);
        assertThat(lb.connectionLimits().limit()).isEqualTo(2);
    }

    @Test
    void connectionsToTwoFrontendsCountTogether() throws Exception {
        start(2, 0);
        served(bindA);
        RawHttp onB = served(bindB);
        RawHttp waitingOnA = waiting(bindA);
        RawHttp waitingOnB = waiting(bindB);

        onB.close();
        // One slot frees: exactly one of the two waiting connections is served.
        RawHttp servedNow = answeredFirst(waitingOnA, waitingOnB);
        RawHttp stillWaiting = servedNow == waitingOnA ? waitingOnB : waitingOnA;
        stillWaiting.socket().setSoTimeout(NOT_SERVED_MS);
        assertThatThrownBy(() -> stillWaiting.read(false)).isInstanceOf(SocketTimeoutException.class);

        servedNow.close();
        stillWaiting.socket().setSoTimeout(30_000);
        assertThat(stillWaiting.read(false).status()).isEqualTo(200);
    }

    /** The one of two waiting connections that gets its answer (within 30 s); the other is left unread. */
    private static RawHttp answeredFirst(RawHttp a, RawHttp b) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end) {
            if (a.socket().getInputStream().available() > 0) {
                assertThat(a.read(false).status()).isEqualTo(200);
                return a;
            }
            if (b.socket().getInputStream().available() > 0) {
                assertThat(b.read(false).status()).isEqualTo(200);
                return b;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("neither waiting connection was served after a slot freed");
    }

    @Test
    void aSwapAppliesTheNewGlobalLimit() throws Exception {
        start(1, 0);
        served(bindA);
        RawHttp second = waiting(bindB);

        table.swap(snapshot(3, 0));
        assertThat(second.read(false).status()).isEqualTo(200);
        served(bindA);
        waiting(bindA);
        assertThat(lb.connectionLimits().limit()).isEqualTo(3);

        table.swap(snapshot(0, 0));
        assertThat(lb.connectionLimits().limit()).isEqualTo(ConnectionLimits.effectiveLimit(0)).isGreaterThan(3);
    }

    @Test
    void theFrontendLimitStillHoldsWhenTheGlobalOneFrees() throws Exception {
        start(2, 1);
        RawHttp onA = served(bindA);
        RawHttp onB = served(bindB);
        RawHttp waitingOnA = waiting(bindA);

        // Global count drops below its limit, but frontend fa is still at its own limit of 1.
        onB.close();
        awaitOpen(1);
        waitingOnA.socket().setSoTimeout(NOT_SERVED_MS);
        assertThatThrownBy(() -> waitingOnA.read(false)).isInstanceOf(SocketTimeoutException.class);

        onA.close();
        waitingOnA.socket().setSoTimeout(30_000);
        assertThat(waitingOnA.read(false).status()).isEqualTo(200);
    }

    @Test
    void theCountAndLimitArePublishedAsGauges() throws Exception {
        start(2, 0);
        served(bindA);
        awaitOpen(1);
        assertThat(lb.metrics().scrape()).contains("lb_connections_current 1.0").contains("lb_connections_limit 2.0");
    }

    @Test
    void withoutAConfiguredLimitTheDescriptorLimitDecides() {
        assertThat(ConnectionLimits.effectiveLimit(50_000)).isEqualTo(50_000);
        assertThat(ConnectionLimits.effectiveLimit(0)).isPositive();
        assertThatThrownBy(() -> ConnectionLimits.effectiveLimit(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("configured");
    }
}
