package io.mlbj.core.proxy;

import static io.mlbj.core.proxy.Fixtures.backend;
import static io.mlbj.core.proxy.Fixtures.httpFrontend;
import static io.mlbj.core.proxy.Fixtures.server;
import static io.mlbj.core.proxy.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.LbServer;
import io.mlbj.core.LbServerOptions;
import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.BindAddress;
import io.mlbj.core.routing.RoutingTable;
import io.mlbj.core.routing.Server;
import io.mlbj.core.routing.Timeouts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which server connection a request goes on, as under HAProxy's default {@code http-reuse safe}: a finished
 * request's connection goes back to its I/O thread's pool at once, where any later request to that server finds
 * it; a connection's first request takes one from the pool only when it could be sent again should that one fail
 * (no body). Each server connection of these backends answers with its own number, so a response says which
 * connection it came on.
 */
class ServerConnectionReuseTest {
    private static final String GET = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)\r\ncontent-length: *(\\d+)");
    // Keep-alive long enough that no client connection times out between the steps of a test.
    private static final Timeouts PATIENT = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(30),
            Duration.ofSeconds(30), Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofSeconds(30),
            Duration.ofSeconds(30), Duration.ofSeconds(5));

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final LeakCheck leakCheck = LeakCheck.start();
    private final AtomicInteger connections = new AtomicInteger();
    private LbServer lb;
    private int port;

    @AfterEach
    void stop() throws Exception {
        if (lb != null) {
            lb.close(Duration.ofSeconds(1));
        }
        for (AutoCloseable c : closeables) {
            c.close();
        }
        List<String> leaks = leakCheck.leaks();
        leakCheck.close();
        assertThat(leaks).as("Netty leak reports").isEmpty();
    }

    @Test
    void aFinishedRequestsConnectionServesTheNextRequestOfAnyClient() throws Exception {
        ScriptedBackend s = numbered("s");
        start(server("s", s.port()));
        try (RawHttp a = new RawHttp(port); RawHttp b = new RawHttp(port)) {
            List<String> saw = new ArrayList<>();
            // Interleaved on one I/O thread: each request finds the connection the one before it gave back.
            for (int i = 0; i < 3; i++) {
                saw.add(get(a));
                saw.add(get(b));
            }
            assertThat(saw).containsOnly("s-1");
        }
        assertThat(s.accepted()).isEqualTo(1);
    }

    @Test
    void eachServerHasItsOwnIdleConnections() throws Exception {
        ScriptedBackend s0 = numbered("s0");
        ScriptedBackend s1 = numbered("s1");
        start(server("s0", s0.port()), server("s1", s1.port()));
        try (RawHttp a = new RawHttp(port); RawHttp b = new RawHttp(port)) {
            // Round robin: a goes to s0, s1, s0, s1, then b to s0, each time on that server's one connection.
            List<String> saw = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                saw.add(get(a));
            }
            saw.add(get(b));
            assertThat(saw).containsExactly("s0-1", "s1-2", "s0-1", "s1-2", "s0-1");
        }
        assertThat(s0.accepted()).isEqualTo(1);
        assertThat(s1.accepted()).isEqualTo(1);
    }

    @Test
    void aFirstRequestWithABodyGoesOnANewConnectionNotOnAnIdleOne() throws Exception {
        // A connection that served a request before closes on a POST: as a server does whose keep-alive timeout
        // ends just as a request arrives on an idle connection. A POST cannot be sent again once its body is gone.
        ScriptedBackend s = scripted(sock -> {
            String id = "s-" + connections.incrementAndGet();
            InputStream in = sock.getInputStream();
            OutputStream out = sock.getOutputStream();
            boolean served = false;
            for (String head; (head = readHeadText(in)) != null; served = true) {
                if (served && head.startsWith("POST")) {
                    sock.close();
                    return;
                }
                answer(out, id);
            }
        });
        start(server("s", s.port()));
        try (RawHttp a = new RawHttp(port)) {
            // Its connection is back in the pool before the response leaves the proxy.
            assertThat(get(a)).isEqualTo("s-1");
            try (RawHttp c = new RawHttp(port)) {
                RawHttp.Response r = c.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nbody").read(false);
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.bodyText()).isEqualTo("s-2");
            }
            // A first request without a body takes the idle connection (the last one given back).
            try (RawHttp d = new RawHttp(port)) {
                assertThat(get(d)).isEqualTo("s-2");
            }
        }
        assertThat(s.accepted()).isEqualTo(2);
    }

    private void start(Server... servers) {
        Backend be = backend("be", PATIENT, servers);
        BindAddress bind = new BindAddress("127.0.0.1", 0);
        lb = new LbServer(new RoutingTable(snapshot(List.of(httpFrontend(bind, "be", PATIENT)), be)),
                LbServerOptions.of(TestRoundRobin::new).withIoThreads(1)).start();
        port = lb.boundAddress(bind).getPort();
    }

    /** A server whose connections answer every request with {@code prefix} and their number. */
    private ScriptedBackend numbered(String prefix) throws IOException {
        return scripted(sock -> {
            String id = prefix + "-" + connections.incrementAndGet();
            InputStream in = sock.getInputStream();
            OutputStream out = sock.getOutputStream();
            while (readHead(in)) {
                answer(out, id);
            }
        });
    }

    /** Reads a request head; false when the connection ended instead. */
    private static boolean readHead(InputStream in) throws IOException {
        return readHeadText(in) != null;
    }

    /** Reads a request head and, when it announces one, its body; null when the connection ended instead. */
    private static String readHeadText(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int state = 0;
        for (int b; (b = in.read()) != -1; ) {
            head.append((char) b);
            state = b == '\r' && (state == 0 || state == 2) ? state + 1 : b == '\n' && (state == 1 || state == 3) ? state + 1 : 0;
            if (state == 4) {
                Matcher length = CONTENT_LENGTH.matcher(head);
                if (length.find()) {
                    in.readNBytes(Integer.parseInt(length.group(1)));
                }
                return head.toString();
            }
        }
        return null;
    }

    private static void answer(OutputStream out, String body) throws IOException {
        out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private ScriptedBackend scripted(ScriptedBackend.Script script) throws IOException {
        ScriptedBackend b = new ScriptedBackend(script);
        closeables.add(b);
        return b;
    }

    private static String get(RawHttp client) throws IOException {
        RawHttp.Response r = client.send(GET).read(false);
        assertThat(r.status()).isEqualTo(200);
        return r.bodyText();
    }
}
