package io.mlbj.core.proxy;

import static io.mlbj.core.proxy.Fixtures.LONG;
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
import io.mlbj.core.routing.BindAddress;
import io.mlbj.core.routing.ProxyMode;
import io.mlbj.core.routing.RoutingTable;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** TCP mode (a byte relay per connection) and WebSocket relayed as a tunnel after the 101. */
class TcpAndTunnelTest {

    private static ScriptedBackend tcpEcho(String name) throws Exception {
        return new ScriptedBackend(s -> {
            OutputStream out = s.getOutputStream();
            out.write((name + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            s.getInputStream().transferTo(out);
            s.close();
        });
    }

    @Test
    void tcpModeRelaysBytesToBalancedServers() throws Exception {
        try (ScriptedBackend one = tcpEcho("one"); ScriptedBackend two = tcpEcho("two")) {
            BindAddress bind = localPort0();
            Backend be = backend("be", ProxyMode.TCP, LONG, false, List.of(),
                    server("one", one.port()), server("two", two.port()));
            RoutingTable table = new RoutingTable(snapshot(List.of(Fixtures.frontend(
                    "fe", bind, ProxyMode.TCP, "be", LONG, List.of(), List.of())), be));
            LbServer lb = new LbServer(table, LbServerOptions.of(TestRoundRobin::new).withIoThreads(1)).start();
            try {
                int port = lb.boundAddress(bind).getPort();
                String first = greetingOf(port, 1);
                String second = greetingOf(port, 8 * 1024 * 1024);
                assertThat(List.of(first, second)).containsExactlyInAnyOrder("one", "two");
                // A client that half-closes after sending still gets the whole answer, then EOF.
                try (Socket s = new Socket("127.0.0.1", port)) {
                    s.setSoTimeout(10_000);
                    s.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
                    s.shutdownOutput();
                    String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                    assertThat(all).matches("(one|two)\nping");
                }
            } finally {
                lb.close(Duration.ofSeconds(1));
            }
        }
    }

    /** Connects, reads the greeting, sends {@code size} bytes and checks they come back in order. */
    private static String greetingOf(int port, int size) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            InputStream in = s.getInputStream();
            StringBuilder name = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                name.append((char) c);
            }
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                try {
                    byte[] data = new byte[size];
                    for (int i = 0; i < size; i++) {
                        data[i] = (byte) (i % 253);
                    }
                    s.getOutputStream().write(data);
                    s.getOutputStream().flush();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, r -> new Thread(r).start());
            byte[] got = in.readNBytes(size);
            sender.get(20, TimeUnit.SECONDS);
            assertThat(got).hasSize(size);
            for (int i = 0; i < size; i++) {
                if (got[i] != (byte) (i % 253)) {
                    throw new AssertionError("byte " + i + " differs");
                }
            }
            return name.toString();
        }
    }

    @Test
    void webSocketIsRelayedAfterThe101() throws Exception {
        try (EchoBackend echo = EchoBackend.start("ws")) {
            BindAddress bind = localPort0();
            Backend be = backend("be", LONG, server("ws", echo.port()));
            LbServer lb = new LbServer(new RoutingTable(snapshot(List.of(httpFrontend(bind, "be", LONG)), be)),
                    LbServerOptions.of(TestRoundRobin::new).withIoThreads(1)).start();
            try {
                LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
                WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                        .buildAsync(URI.create("ws://127.0.0.1:" + lb.boundAddress(bind).getPort() + "/ws"),
                                new WebSocket.Listener() {
                                    private final StringBuilder text = new StringBuilder();

                                    @Override
                                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                                        text.append(data);
                                        if (last) {
                                            received.add(text.toString());
                                            text.setLength(0);
                                        }
                                        w.request(1);
                                        return null;
                                    }
                                })
                        .get(10, TimeUnit.SECONDS);
                for (int i = 0; i < 3; i++) {
                    ws.sendText("hello " + i, true).get(10, TimeUnit.SECONDS);
                    assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("hello " + i);
                }
                String big = "x".repeat(200_000);
                ws.sendText(big, true).get(10, TimeUnit.SECONDS);
                assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(big);
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
            } finally {
                lb.close(Duration.ofSeconds(1));
            }
        }
    }
}
