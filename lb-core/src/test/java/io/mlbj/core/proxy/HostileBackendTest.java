package io.mlbj.core.proxy;

import static io.mlbj.core.proxy.Fixtures.SHORT;
import static io.mlbj.core.proxy.Fixtures.backend;
import static io.mlbj.core.proxy.Fixtures.frontend;
import static io.mlbj.core.proxy.Fixtures.server;
import static io.mlbj.core.proxy.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlbj.core.LbServer;
import io.mlbj.core.LbServerOptions;
import io.mlbj.core.demo.EchoBackend;
import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.BindAddress;
import io.mlbj.core.routing.Frontend;
import io.mlbj.core.routing.ProxyMode;
import io.mlbj.core.routing.RoutingTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Servers that misbehave: malformed or smuggling responses (502, and a poisoned connection is never
 * reused), resets and closes mid-way, silence (504), slow connects (503 after the retries). Every case
 * also checks that a healthy backend behind another frontend of the same proxy keeps answering, and that
 * no buffer leaked.
 */
class HostileBackendTest {
    private static final String GET = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final LeakCheck leakCheck = LeakCheck.start();
    private LbServer lb;
    private int faultPort;
    private int healthyPort;

    @AfterEach
    void stop() throws Exception {
        if (lb != null) {
            // Other traffic was never affected.
            try (RawHttp c = healthyClient()) {
                assertThat(c.send(GET).read(false).status()).isEqualTo(200);
            }
            lb.close(Duration.ofSeconds(1));
        }
        for (AutoCloseable c : closeables) {
            c.close();
        }
        List<String> leaks = leakCheck.leaks();
        leakCheck.close();
        assertThat(leaks).as("Netty leak reports").isEmpty();
    }

    private void startProxy(int... faultyPorts) {
        io.mlbj.core.routing.Server[] servers = new io.mlbj.core.routing.Server[faultyPorts.length];
        for (int i = 0; i < faultyPorts.length; i++) {
            servers[i] = server("f" + i, faultyPorts[i]);
        }
        startProxy(servers);
    }

    private void startProxy(io.mlbj.core.routing.Server... servers) {
        EchoBackend healthy = EchoBackend.start("healthy");
        closeables.add(healthy);
        Backend fault = backend("fault", SHORT, servers);
        Backend good = backend("good", SHORT, server("h", healthy.port()));
        BindAddress fb = new BindAddress("127.0.0.1", 0);
        BindAddress gb = new BindAddress("127.0.0.2", 0);
        Frontend ff = frontend("fault-fe", fb, ProxyMode.HTTP, "fault", SHORT, List.of(), List.of());
        Frontend gf = frontend("good-fe", gb, ProxyMode.HTTP, "good", SHORT, List.of(), List.of());
        lb = new LbServer(new RoutingTable(snapshot(List.of(ff, gf), fault, good)),
                LbServerOptions.of(TestRoundRobin::new).withIoThreads(1)).start();
        faultPort = lb.boundAddress(fb).getPort();
        healthyPort = lb.boundAddress(gb).getPort();
    }

    private RawHttp healthyClient() throws IOException {
        return new RawHttp("127.0.0.2", healthyPort);
    }

    private ScriptedBackend scripted(ScriptedBackend.Script script) throws IOException {
        ScriptedBackend b = new ScriptedBackend(script);
        closeables.add(b);
        return b;
    }

    /** A server answering its first request on each connection with {@code first}, later ones with "next". */
    private ScriptedBackend answering(String first) throws IOException {
        return scripted(s -> {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            boolean isFirst = true;
            while (!s.isClosed()) {
                ScriptedBackend.readHead(in);
                String answer = isFirst ? first : "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nnext";
                isFirst = false;
                out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
        });
    }

    static Stream<String[]> malformedResponses() {
        StringBuilder many = new StringBuilder("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n");
        for (int i = 0; i < 100; i++) {
            many.append("X-F").append(i).append(": v\r\n");
        }
        return Stream.of(
                new String[] {"two different Content-Length", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 9\r\n\r\nok"},
                new String[] {"two equal Content-Length", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok"},
                new String[] {"Content-Length list", "HTTP/1.1 200 OK\r\nContent-Length: 2, 2\r\n\r\nok"},
                new String[] {"TE and CL", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n"},
                new String[] {"TE not ending in chunked", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\nok"},
                new String[] {"TE repeated", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"},
                new String[] {"obs-fold", "HTTP/1.1 200 OK\r\nX-A: a\r\n b\r\nContent-Length: 2\r\n\r\nok"},
                new String[] {"bare LF", "HTTP/1.1 200 OK\nContent-Length: 2\n\nok"},
                new String[] {"space before the colon", "HTTP/1.1 200 OK\r\nContent-Length : 2\r\n\r\nok"},
                new String[] {"NUL in a value", "HTTP/1.1 200 OK\r\nX-A: a\u0000b\r\nContent-Length: 2\r\n\r\nok"},
                new String[] {"HTTP/2.0 status line", "HTTP/2.0 200 OK\r\nContent-Length: 2\r\n\r\nok"},
                new String[] {"two-digit status", "HTTP/1.1 20 OK\r\nContent-Length: 2\r\n\r\nok"},
                new String[] {"101 header fields", many + "\r\nok"},
                new String[] {"16 KB head", "HTTP/1.1 200 OK\r\nX-A: " + "a".repeat(16_000) + "\r\nContent-Length: 2\r\n\r\nok"},
                new String[] {"garbage", "\u0000\u0001garbage\r\n\r\n"});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedResponses")
    void malformedResponseGives502AndItsConnectionIsNotReused(String name, String response) throws Exception {
        ScriptedBackend bad = answering(response);
        startProxy(bad.port());
        try (RawHttp c = new RawHttp(faultPort)) {
            RawHttp.Response r = c.send(GET).read(false);
            assertThat(r.status()).isEqualTo(502);
            assertThat(c.closedByPeer()).isTrue();
        }
        try (RawHttp c = new RawHttp(faultPort)) {
            assertThat(c.send(GET).read(false).status()).isEqualTo(502);
        }
        // No request was sent twice to a server that had answered badly, and each went on a new connection.
        assertThat(bad.accepted()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smugglingTails")
    void bytesAfterAResponseNeverReachTheNextRequest(String name, String tail) throws Exception {
        ScriptedBackend smuggler = answering("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok" + tail);
        startProxy(smuggler.port());
        try (RawHttp c = new RawHttp(faultPort)) {
            for (int i = 0; i < 3; i++) {
                RawHttp.Response r = c.send(GET).read(false);
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.bodyText()).isEqualTo("ok");
            }
        }
        assertThat(smuggler.accepted()).isEqualTo(3);
    }

    static Stream<String[]> smugglingTails() {
        return Stream.of(
                new String[] {"a whole second response", "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nevil"},
                new String[] {"half a response head", "HTTP/1.1 200 OK\r\nContent-Len"},
                new String[] {"a head that swallows the next answer", "HTTP/1.1 200 OK\r\nContent-Length: 60\r\n\r\n"},
                new String[] {"stray bytes", "xyz"});
    }

    @Test
    void aResponseDelimitedByCloseIsStillRelayed() throws Exception {
        ScriptedBackend closer = scripted(s -> {
            ScriptedBackend.readHead(s.getInputStream());
            s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil close".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            s.close();
        });
        startProxy(closer.port());
        try (RawHttp c = new RawHttp(faultPort)) {
            RawHttp.Response r = c.send(GET).read(false);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.bodyText()).isEqualTo("until close");
            assertThat(c.send(GET).read(false).bodyText()).isEqualTo("until close");
        }
        assertThat(closer.accepted()).isEqualTo(2);
    }

    @Test
    void everyRequestMetByAPooledConnectionTheServerDropsIsSentAgainOnAFreshOne() throws Exception {
        // Each connection answers one request, then closes on reading the next: to the proxy, a pooled
        // connection the server let go just as it was reused.
        ScriptedBackend oneShot = scripted(s -> {
            InputStream in = s.getInputStream();
            ScriptedBackend.readHead(in);
            s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            ScriptedBackend.readHead(in);
            s.close();
        });
        startProxy(oneShot.port());
        try (RawHttp c = new RawHttp(faultPort)) {
            for (int i = 1; i <= 4; i++) {
                RawHttp.Response r = c.send(GET).read(false);
                assertThat(r.status()).as("request %d", i).isEqualTo(200);
                assertThat(r.bodyText()).isEqualTo("ok");
            }
        }
        assertThat(oneShot.accepted()).isEqualTo(4);
    }

    @Test
    void aServerTalkingWhileIdleInThePoolIsClosed() throws Exception {
        ScriptedBackend chatty = scripted(s -> {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            ScriptedBackend.readHead(in);
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
            // Half a response while the connection sits idle in the pool.
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nev".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            in.read();
        });
        startProxy(chatty.port());
        try (RawHttp c = new RawHttp(faultPort)) {
            assertThat(c.send(GET).read(false).bodyText()).isEqualTo("ok");
        }
        Thread.sleep(600);
        // A new client connection on the same I/O thread would be given the pooled connection, were it kept.
        try (RawHttp c = new RawHttp(faultPort)) {
            RawHttp.Response second = c.send(GET).read(false);
            assertThat(second.status()).isEqualTo(200);
            assertThat(second.bodyText()).isEqualTo("ok");
        }
        assertThat(chatty.accepted()).isEqualTo(2);
    }

    @Test
    void invalidChunkAfterTheHeadAbortsTheClientConnection() throws Exception {
        ScriptedBackend bad = answering("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\nzz\r\nxx\r\n0\r\n\r\n");
        startProxy(bad.port());
        try (RawHttp c = new RawHttp(faultPort)) {
            // The head was relayed; the body cannot be completed, so the connection ends early.
            assertThatThrownBy(() -> c.send(GET).read(false)).isInstanceOf(IOException.class);
        }
        try (RawHttp c = new RawHttp(faultPort)) {
            assertThatThrownBy(() -> c.send(GET).read(false)).isInstanceOf(IOException.class);
        }
        assertThat(bad.accepted()).isEqualTo(2);
    }

    @Test
    void resetMidResponseEndsTheClientConnectionEarly() throws Exception {
        ScriptedBackend resetter = scripted(s -> {
            ScriptedBackend.readHead(s.getInputStream());
            s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            s.setSoLinger(true, 0);
            s.close();
        });
        startProxy(resetter.port());
        try (RawHttp c = new RawHttp(faultPort)) {
            RawHttp.Response r = c.send(GET).read(false);
            // The head was relayed, then the connection ended before the 100 bytes it announced.
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body().length).isLessThan(100);
            assertThat(c.closedByPeer()).isTrue();
        }
        // Nothing is retried once the server has begun to answer.
        assertThat(resetter.accepted()).isEqualTo(1);
    }

    @Test
    void resetBeforeAnyResponseGives502WithoutRetry() throws Exception {
        ScriptedBackend resetter = scripted(s -> {
            ScriptedBackend.readHead(s.getInputStream());
            s.setSoLinger(true, 0);
            s.close();
        });
        startProxy(resetter.port());
        try (RawHttp c = new RawHttp(faultPort)) {
            assertThat(c.send(GET).read(false).status()).isEqualTo(502);
        }
        // The request had been sent: HAProxy does not resend it (no retry-on), and neither do we.
        assertThat(resetter.accepted()).isEqualTo(1);
    }

    @Test
    void hangingServerGives504AndIsNotRetried() throws Exception {
        ScriptedBackend silent = scripted(s -> {
            ScriptedBackend.readHead(s.getInputStream());
            s.getInputStream().read();
        });
        startProxy(silent.port());
        try (RawHttp c = new RawHttp(faultPort)) {
            assertThat(c.send(GET).read(false).status()).isEqualTo(504);
            assertThat(c.closedByPeer()).isTrue();
        }
        assertThat(silent.accepted()).isEqualTo(1);
    }

    @Test
    void slowConnectGives503AfterTheRetries() throws Exception {
        // A listener that never accepts, with its accept queue filled: further SYNs are dropped, so
        // connecting hangs until `timeout connect` (1 s here), for the first try and each of the 3 retries.
        ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        closeables.add(full);
        List<Socket> fillers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Socket s = new Socket();
            closeables.add(s);
            try {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort()), 300);
                fillers.add(s);
            } catch (IOException queueFull) {
                break;
            }
        }
        assertThat(fillers).isNotEmpty();
        startProxy(full.getLocalPort());
        long start = System.nanoTime();
        try (RawHttp c = new RawHttp(faultPort)) {
            RawHttp.Response r = c.send(GET).read(false);
            assertThat(r.status()).isEqualTo(503);
        }
        // 1 + 3 attempts of 1 s each: at least 4 s (an upper bound would depend on the machine's load).
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(3_900));
        try (RawHttp c = healthyClient()) {
            assertThat(c.send(GET).read(false).status()).isEqualTo(200);
        }
    }

    @Test
    void unresolvableServerNameGives503() throws Exception {
        // RFC 6761 reserves .invalid: no resolver has an address for it, so every attempt fails at resolution.
        startProxy(new io.mlbj.core.routing.Server("dns", "no-such-server.invalid", 80, 0, 1, null, false, null, null, 0));
        for (int i = 0; i < 2; i++) {
            try (RawHttp c = new RawHttp(faultPort)) {
                assertThat(c.send(GET).read(false).status()).isEqualTo(503);
            }
        }
    }

    @Test
    void refusedEverywhereGives503AfterFourAttempts() throws Exception {
        int closed = ScriptedBackend.closedPort();
        startProxy(closed);
        try (RawHttp c = new RawHttp(faultPort)) {
            assertThat(c.send(GET).read(false).status()).isEqualTo(503);
        }
    }
}
