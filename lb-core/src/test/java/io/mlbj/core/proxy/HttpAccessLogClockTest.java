package io.mlbj.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.accesslog.HttpLogEntry;
import io.mlbj.core.pool.BackendPools;
import io.mlbj.core.pool.ServerConnectionCounts;
import io.mlbj.core.pool.ServerTlsHandlers;
import io.mlbj.core.routing.BindAddress;
import io.mlbj.core.routing.Frontend;
import io.mlbj.core.routing.FrontendLog;
import io.mlbj.core.routing.ProxyMode;
import io.mlbj.core.routing.RoutingTable;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The phases of an httplog line never overlap: with the thread stalled inside the read that brought the head
 * (where the exchange stamps its connect attempt with the read's time), TR + Tc + Tr still fit in Ta.
 */
class HttpAccessLogClockTest {
    private static final BindAddress BIND = new BindAddress("127.0.0.1", 0);

    @Test
    void aStallInsideTheReadCountsInOnePhaseOnly() throws Exception {
        Frontend plain = Fixtures.frontend("fe", BIND, ProxyMode.HTTP, "be", Fixtures.LONG, List.of(), List.of());
        Frontend fe = new Frontend(plain.name(), plain.binds(), plain.mode(), plain.tls(), plain.rules(),
                plain.defaultBackend(), plain.requestRules(), plain.responseRules(), plain.timeouts(),
                plain.maxConnections(), plain.acceptProxy(), new FrontendLog(FrontendLog.Format.HTTP, false));
        ForwardingContext context = new ForwardingContext(
                new LiveRoutes(new RoutingTable(Fixtures.snapshot(List.of(fe), Fixtures.backend("be", Fixtures.LONG))),
                        TestRoundRobin::new),
                new BackendPools(NioSocketChannel.class, ServerTlsHandlers.NONE), new ServerConnectionCounts());
        List<HttpLogEntry> lines = new ArrayList<>();
        HttpAccessLogHandler log = new HttpAccessLogHandler(lines::add, context, fe);
        EmbeddedChannel channel = new EmbeddedChannel(log);
        EventClock clock = EventClock.current();
        clock.enter();
        try {
            channel.writeInbound(Unpooled.copiedBuffer("GET / HTTP/1.1\r\n\r\n", StandardCharsets.US_ASCII));
            long attemptStart = EventClock.now(); // as ServerConnector stamps a connect attempt
            Thread.sleep(50); // the loop's thread stalls (JIT, GC, the scheduler) before the head is routed
            log.requestStarted(fe, new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/"));
            log.backendChosen("be");
            log.serverConnected(Fixtures.server("a", 1), attemptStart, 0);
        } finally {
            clock.exit();
        }
        log.responseStarted(200);
        log.requestEnded(null);
        channel.finishAndReleaseAll();

        assertThat(lines).hasSize(1);
        HttpLogEntry line = lines.get(0);
        assertThat(line.totalMs()).isGreaterThanOrEqualTo(50);
        assertThat(line.requestMs() + line.connectMs() + line.responseMs()).isLessThanOrEqualTo(line.totalMs());
    }
}
