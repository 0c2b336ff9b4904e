package io.mlbj.core.proxy;

import static io.mlbj.core.proxy.Fixtures.LONG;
import static io.mlbj.core.proxy.Fixtures.backend;
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
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Listener diffing on swaps, swaps under load, graceful drain. */
class LbServerTest {
    private final List<EchoBackend> echoes = new ArrayList<>();
    private LbServer lb;

    @BeforeEach
    void startBackends() {
        for (String n : List.of("a", "b", "c")) {
            echoes.add(EchoBackend.start(n));
        }
    }

    @AfterEach
    void stop() {
        if (lb != null) {
            lb.close(Duration.ofSeconds(1));
        }
        echoes.forEach(EchoBackend::close);
    }

    private Backend be(int... idx) {
        io.mlbj.core.routing.Server[] s = new io.mlbj.core.routing.Server[idx.length];
        for (int i = 0; i < idx.length; i++) {
            EchoBackend e = echoes.get(idx[i]);
            s[i] = server(e.name(), e.port());
        }
        return backend("be", LONG, s);
    }

    private static Frontend fe(String name, BindAddress bind) {
        return Fixtures.frontend(name, bind, ProxyMode.HTTP, "be", LONG, List.of(), List.of());
    }

    @Test
    void swapOpensAndClosesOnlyChangedListenersAndOpenConnectionsKeepWorking() throws Exception {
        BindAddress a = new BindAddress("127.0.0.1", 0);
        BindAddress b = new BindAddress("127.0.0.2", 0);
        RoutingTable table = new RoutingTable(snapshot(List.of(fe("fa", a)), be(0)));
        lb = new LbServer(table, LbServerOptions.of(TestRoundRobin::new).withIoThreads(1)).start();
        int portA = lb.boundAddress(a).getPort();
        try (RawHttp open = new RawHttp(portA)) {
            assertThat(open.send("GET /1 HTTP/1.1\r\nHost: x\r\n\r\n").read(false).status()).isEqualTo(200);

            table.swap(snapshot(List.of(fe("fa", a), fe("fb", b)), be(1)));
            assertThat(lb.listening()).containsExactlyInAnyOrder(a, b);
            assertThat(lb.boundAddress(a).getPort()).isEqualTo(portA);
            // The next request on the open connection sees the new snapshot (backend b).
            RawHttp.Response r = open.send("GET /2 HTTP/1.1\r\nHost: x\r\n\r\n").read(false);
            assertThat(r.header(EchoBackend.NAME_HEADER)).isEqualTo("b");

            table.swap(snapshot(List.of(fe("fa", b)), be(2)));
            assertThat(lb.listening()).containsExactly(b);
            assertThatThrownBy(() -> new Socket("127.0.0.1", portA).close()).isInstanceOf(ConnectException.class);
            // The connection accepted by the closed listener still works and follows frontend "fa".
            RawHttp.Response after = open.send("GET /3 HTTP/1.1\r\nHost: x\r\n\r\n").read(false);
            assertThat(after.status()).isEqualTo(200);
            assertThat(after.header(EchoBackend.NAME_HEADER)).isEqualTo("c");
        }
        try (RawHttp viaB = new RawHttp("127.0.0.2", lb.boundAddress(b).getPort())) {
            assertThat(viaB.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read(false).status()).isEqualTo(200);
        }
    }

    @Test
    void swapsUnderLoadLoseNoRequest() throws Exception {
        BindAddress bind = new BindAddress("127.0.0.1", 0);
        RoutingTable table = new RoutingTable(snapshot(List.of(fe("fe", bind)), be(0, 1)));
        lb = new LbServer(table, LbServerOptions.of(TestRoundRobin::new).withIoThreads(2)).start();
        URI uri = URI.create("http://127.0.0.1:" + lb.boundAddress(bind).getPort() + "/load");
        AtomicInteger ok = new AtomicInteger();
        List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            workers.add(pool.submit(() -> {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                for (int i = 0; i < 150; i++) {
                    try {
                        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200) {
                            ok.incrementAndGet();
                        } else {
                            failures.add("status " + r.statusCode());
                        }
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
                return null;
            }));
        }
        int[][] sets = {{0, 1}, {1, 2}, {2}, {0}, {0, 1, 2}};
        int swaps = 0;
        while (!workers.stream().allMatch(Future::isDone) && swaps < 400) {
            table.swap(snapshot(List.of(fe("fe", bind)), be(sets[swaps % sets.length])));
            swaps++;
            Thread.sleep(5);
        }
        for (Future<?> w : workers) {
            w.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(failures).isEmpty();
        assertThat(ok.get()).isEqualTo(600);
        assertThat(swaps).isGreaterThan(5);
    }

    @Test
    void frontendMaxconnPausesAcceptingUntilAConnectionCloses() throws Exception {
        BindAddress bind = new BindAddress("127.0.0.1", 0);
        Frontend limited = new Frontend("fe", List.of(bind), ProxyMode.HTTP, null, List.of(), "be", List.of(), List.of(),
                LONG, 2, false);
        lb = new LbServer(new RoutingTable(snapshot(List.of(limited), be(0))),
                LbServerOptions.of(TestRoundRobin::new).withIoThreads(1)).start();
        int port = lb.boundAddress(bind).getPort();
        try (RawHttp one = new RawHttp(port); RawHttp two = new RawHttp(port)) {
            assertThat(one.send("GET /1 HTTP/1.1\r\nHost: x\r\n\r\n").read(false).status()).isEqualTo(200);
            assertThat(two.send("GET /2 HTTP/1.1\r\nHost: x\r\n\r\n").read(false).status()).isEqualTo(200);
            // The accept Netty already has pending when the limit is reached may still complete, so the
            // limit can be exceeded by one; every further client waits in the backlog.
            try (RawHttp three = new RawHttp(port); RawHttp four = new RawHttp(port)) {
                List<RawHttp> waiting = new ArrayList<>(List.of(three, four));
                for (RawHttp c : waiting) {
                    c.send("GET /more HTTP/1.1\r\nHost: x\r\n\r\n");
                    c.socket().setSoTimeout(700);
                }
                List<RawHttp> answered = new ArrayList<>();
                for (RawHttp c : waiting) {
                    try {
                        assertThat(c.read(false).status()).isEqualTo(200);
                        answered.add(c);
                    } catch (java.net.SocketTimeoutException e) {
                        // still waiting to be accepted
                    }
                }
                assertThat(answered).hasSizeLessThanOrEqualTo(1);
                one.close();
                two.close();
                waiting.removeAll(answered);
                for (RawHttp c : waiting) {
                    c.socket().setSoTimeout(10_000);
                    assertThat(c.read(false).status()).isEqualTo(200);
                }
            }
        }
    }

    @Test
    void closeDrainsRequestsInProgress() throws Exception {
        java.util.concurrent.CountDownLatch headSeen = new java.util.concurrent.CountDownLatch(1);
        ScriptedBackend slow = new ScriptedBackend(s -> {
            ScriptedBackend.readHead(s.getInputStream());
            headSeen.countDown();
            try {
                Thread.sleep(700);
            } catch (InterruptedException e) {
                return;
            }
            s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nslow".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
        });
        try (slow) {
            BindAddress bind = new BindAddress("127.0.0.1", 0);
            RoutingTable table = new RoutingTable(snapshot(List.of(fe("fe", bind)),
                    backend("be", LONG, server("slow", slow.port()))));
            lb = new LbServer(table, LbServerOptions.of(TestRoundRobin::new).withIoThreads(1)).start();
            int port = lb.boundAddress(bind).getPort();
            try (RawHttp busy = new RawHttp(port); RawHttp idle = new RawHttp(port)) {
                busy.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
                assertThat(headSeen.await(10, TimeUnit.SECONDS)).isTrue();
                CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> lb.close(Duration.ofSeconds(10)));
                RawHttp.Response r = busy.read(false);
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.bodyText()).isEqualTo("slow");
                assertThat(r.header("Connection")).isEqualTo("close");
                assertThat(busy.closedByPeer()).isTrue();
                assertThat(idle.closedByPeer()).isTrue();
                closing.get(10, TimeUnit.SECONDS);
                assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(IOException.class);
            }
            lb = null;
        }
    }

}
