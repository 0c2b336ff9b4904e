package io.mlbj.core.proxy;

import static io.mlbj.core.proxy.Fixtures.SHORT;
import static io.mlbj.core.proxy.Fixtures.backend;
import static io.mlbj.core.proxy.Fixtures.httpFrontend;
import static io.mlbj.core.proxy.Fixtures.localPort0;
import static io.mlbj.core.proxy.Fixtures.server;
import static io.mlbj.core.proxy.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.LbServer;
import io.mlbj.core.LbServerOptions;
import io.mlbj.core.demo.EchoBackend;
import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.Frontend;
import io.mlbj.core.routing.RoutingTable;
import io.mlbj.core.routing.Timeouts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** HAProxy's answers when things go wrong: retries, redispatch, 502, 503, 504, 408, keep-alive expiry. */
class HttpFailureTest {
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private LbServer lb;

    @AfterEach
    void stop() throws Exception {
        if (lb != null) {
            lb.close(Duration.ofSeconds(1));
        }
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    private int startProxy(Frontend fe, Backend... backends) {
        RoutingTable table = new RoutingTable(snapshot(List.of(fe), backends));
        lb = new LbServer(table, LbServerOptions.of(TestRoundRobin::new).withIoThreads(1)).start();
        return lb.boundAddress(fe.binds().get(0)).getPort();
    }

    private int proxyTo(Timeouts t, int... ports) {
        io.mlbj.core.routing.Server[] servers = new io.mlbj.core.routing.Server[ports.length];
        for (int i = 0; i < ports.length; i++) {
            servers[i] = server("s" + i, ports[i]);
        }
        Backend be = backend("be", t, servers);
        return startProxy(httpFrontend(localPort0(), "be", t), be);
    }

    private ScriptedBackend scripted(ScriptedBackend.Script script) throws IOException {
        ScriptedBackend b = new ScriptedBackend(script);
        closeables.add(b);
        return b;
    }

    @Test
    void refusedConnectionsAreRetriedThenRedispatched() throws Exception {
        EchoBackend alive = EchoBackend.start("alive");
        closeables.add(alive);
        int port = proxyTo(SHORT, ScriptedBackend.closedPort(), alive.port());
        try (RawHttp c = new RawHttp(port)) {
            for (int i = 0; i < 4; i++) {
                RawHttp.Response r = c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read(false);
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.header(EchoBackend.NAME_HEADER)).isEqualTo("alive");
            }
        }
    }

    @Test
    void noUsableServerGives503() throws Exception {
        int port = proxyTo(SHORT, ScriptedBackend.closedPort());
        try (RawHttp c = new RawHttp(port)) {
            RawHttp.Response r = c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read(false);
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.bodyText()).isEqualTo("<html><body><h1>503 Service Unavailable</h1>\n"
                    + "No server is available to handle this request.\n</body></html>\n");
            assertThat(r.header("Cache-Control")).isEqualTo("no-cache");
            assertThat(r.header("Connection")).isEqualTo("close");
            assertThat(r.header("Content-Type")).isEqualTo("text/html");
            assertThat(c.closedByPeer()).isTrue();
        }
    }

    @Test
    void noBackendGives503() throws Exception {
        Backend be = backend("be", SHORT);
        int port = startProxy(httpFrontend(localPort0(), null, SHORT), be);
        try (RawHttp c = new RawHttp(port)) {
            assertThat(c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read(false).status()).isEqualTo(503);
        }
    }

    @Test
    void unparseableResponseGives502() throws Exception {
        ScriptedBackend bad = scripted(s -> {
            ScriptedBackend.readHead(s.getInputStream());
            s.getOutputStream().write("garbage here\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
        });
        int port = proxyTo(SHORT, bad.port());
        try (RawHttp c = new RawHttp(port)) {
            RawHttp.Response r = c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read(false);
            assertThat(r.status()).isEqualTo(502);
            assertThat(r.bodyText()).contains("502 Bad Gateway");
        }
    }

    @Test
    void serverClosingBeforeTheResponseGives502() throws Exception {
        ScriptedBackend closer = scripted(s -> {
            ScriptedBackend.readHead(s.getInputStream());
            s.close();
        });
        int port = proxyTo(SHORT, closer.port());
        try (RawHttp c = new RawHttp(port)) {
            assertThat(c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read(false).status()).isEqualTo(502);
        }
    }

    @Test
    void silentServerGives504() throws Exception {
        ScriptedBackend silent = scripted(s -> {
            ScriptedBackend.readHead(s.getInputStream());
            s.getInputStream().read();
        });
        int port = proxyTo(SHORT, silent.port());
        try (RawHttp c = new RawHttp(port)) {
            RawHttp.Response r = c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read(false);
            assertThat(r.status()).isEqualTo(504);
            assertThat(r.bodyText()).contains("504 Gateway Time-out");
        }
    }

    @Test
    void incompleteRequestHeadGives408() throws Exception {
        EchoBackend echo = EchoBackend.start("e");
        closeables.add(echo);
        int port = proxyTo(SHORT, echo.port());
        try (RawHttp c = new RawHttp(port)) {
            RawHttp.Response r = c.send("GET / HTTP/1.1\r\nHost: x\r\nX-Slow:").read(false);
            assertThat(r.status()).isEqualTo(408);
            assertThat(r.bodyText()).contains("408 Request Time-out");
            assertThat(c.closedByPeer()).isTrue();
        }
    }

    @Test
    void idleKeepAliveConnectionClosesSilently() throws Exception {
        EchoBackend echo = EchoBackend.start("e");
        closeables.add(echo);
        Timeouts quickKeepAlive = new Timeouts(SHORT.connect(), SHORT.client(), SHORT.server(), Duration.ofSeconds(5),
                Duration.ofMillis(300), SHORT.tunnel(), SHORT.queue(), SHORT.check());
        int port = proxyTo(quickKeepAlive, echo.port());
        try (RawHttp c = new RawHttp(port)) {
            assertThat(c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read(false).status()).isEqualTo(200);
            // No 408: the next read sees the end of the stream directly.
            assertThat(c.closedByPeer()).isTrue();
        }
    }

    @Test
    void aServerClosingItsIdlePooledConnectionIsNotReused() throws Exception {
        ScriptedBackend oneShot = scripted(s -> {
            ScriptedBackend.readHead(s.getInputStream());
            s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            s.close();
        });
        int port = proxyTo(SHORT, oneShot.port());
        try (RawHttp c = new RawHttp(port)) {
            for (int i = 0; i < 3; i++) {
                RawHttp.Response r = c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read(false);
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.bodyText()).isEqualTo("ok");
            }
        }
        assertThat(oneShot.accepted()).isEqualTo(3);
    }

    @Test
    void malformedRequestGives400() throws Exception {
        EchoBackend echo = EchoBackend.start("e");
        closeables.add(echo);
        int port = proxyTo(SHORT, echo.port());
        try (RawHttp c = new RawHttp(port)) {
            RawHttp.Response r = c.send("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n")
                    .read(false);
            assertThat(r.status()).isEqualTo(400);
        }
        assertThat(echo.requestsReceived()).isZero();
    }
}
