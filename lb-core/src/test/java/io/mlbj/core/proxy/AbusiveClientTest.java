package io.mlbj.core.proxy;

import static io.mlbj.core.proxy.Fixtures.LONG;
import static io.mlbj.core.proxy.Fixtures.backend;
import static io.mlbj.core.proxy.Fixtures.server;
import static io.mlbj.core.proxy.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.LbServer;
import io.mlbj.core.LbServerOptions;
import io.mlbj.core.demo.EchoBackend;
import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.BindAddress;
import io.mlbj.core.routing.Frontend;
import io.mlbj.core.routing.ProxyMode;
import io.mlbj.core.routing.RoutingTable;
import io.mlbj.core.routing.Timeouts;
import io.netty.util.internal.PlatformDependent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that abuse the proxy: slowloris (one byte at a time, forever), clients that never read their
 * answer, thousands of connections held open, and floods above {@code maxconn}. The proxy must answer
 * 408 on time, keep memory bounded through backpressure, and never fail.
 */
class AbusiveClientTest {
    private static final String GET = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
    /** {@code timeout http-request} 1 s, everything else generous. */
    private static final Timeouts ONE_SECOND_HEAD = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(30),
            Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30),
            Duration.ofSeconds(30), Duration.ofSeconds(5));

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final LeakCheck leakCheck = LeakCheck.start();
    private LbServer lb;

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

    private int proxy(Timeouts t, int maxconn, int serverPort) {
        BindAddress bind = new BindAddress("127.0.0.1", 0);
        Backend be = backend("be", t, server("s", serverPort));
        Frontend fe = new Frontend("fe", List.of(bind), ProxyMode.HTTP, null, List.of(), "be", List.of(), List.of(),
                t, maxconn, false);
        lb = new LbServer(new RoutingTable(snapshot(List.of(fe), be)),
                LbServerOptions.of(TestRoundRobin::new).withIoThreads(1)).start();
        return lb.boundAddress(bind).getPort();
    }

    private EchoBackend echo() {
        EchoBackend e = EchoBackend.start("echo");
        closeables.add(e);
        return e;
    }

    /** Sends {@code head} one byte every 100 ms until an answer comes (at most 30 s); returns the bytes sent. */
    private static int drip(RawHttp c, String head) throws IOException {
        OutputStream out = c.socket().getOutputStream();
        InputStream in = c.socket().getInputStream();
        int sent = 0;
        while (in.available() == 0 && sent < 300) {
            try {
                out.write(head.charAt(sent % head.length()));
                out.flush();
            } catch (IOException closed) {
                break;
            }
            sent++;
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        return sent;
    }

    @Test
    void slowlorisGets408AtTheDeadlineEvenThoughBytesKeepComing() throws Exception {
        int port = proxy(ONE_SECOND_HEAD, 0, echo().port());
        try (RawHttp c = new RawHttp(port)) {
            // A head that never ends: more and more header lines, one byte at a time.
            int sent = drip(c, "GET / HTTP/1.1\r\n" + "X-Slow: 1\r\n".repeat(1000));
            RawHttp.Response r = c.read(false);
            assertThat(r.status()).isEqualTo(408);
            assertThat(c.closedByPeer()).isTrue();
            // Inactivity never exceeded 100 ms: only an absolute deadline can have fired, long before the
            // 11,000-byte head was complete (and before the 300-byte give-up of the drip).
            assertThat(sent).isLessThan(300);
        }
    }

    @Test
    void slowlorisOnAKeptAliveConnectionGets408Too() throws Exception {
        int port = proxy(ONE_SECOND_HEAD, 0, echo().port());
        try (RawHttp c = new RawHttp(port)) {
            assertThat(c.send(GET).read(false).status()).isEqualTo(200);
            drip(c, "GET / HTTP/1.1\r\n" + "X-Slow: 1\r\n".repeat(1000));
            assertThat(c.read(false).status()).isEqualTo(408);
            assertThat(c.closedByPeer()).isTrue();
        }
    }

    @Test
    void aClientThatNeverReadsHoldsTheServerBackInsteadOfFillingMemory() throws Exception {
        long size = 64L * 1024 * 1024;
        AtomicLong written = new AtomicLong();
        ScriptedBackend big = new ScriptedBackend(s -> {
            ScriptedBackend.readHead(s.getInputStream());
            OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + size + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            for (long off = 0; off < size; off += chunk.length) {
                out.write(chunk);
                written.addAndGet(chunk.length);
            }
            out.flush();
        });
        closeables.add(big);
        int port = proxy(LONG, 0, big.port());
        try (Socket client = new Socket("127.0.0.1", port)) {
            client.setReceiveBufferSize(64 * 1024);
            client.getOutputStream().write(GET.getBytes(StandardCharsets.US_ASCII));
            client.getOutputStream().flush();
            // Wait (up to 30 s) until the server is stuck: nothing more written for one second.
            long last = -1;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (written.get() != last && System.nanoTime() < deadline) {
                last = written.get();
                Thread.sleep(1_000);
            }
            // Stuck well before the end: the proxy stopped reading from the server (socket buffers hold the rest).
            assertThat(written.get()).isLessThan(size / 2);
            assertThat(PlatformDependent.usedDirectMemory()).isLessThan(16L * 1024 * 1024);
            // Reading resumes the flow, and every byte arrives.
            client.setSoTimeout(30_000);
            InputStream in = client.getInputStream();
            StreamingTest.RawHeadReader.skipHead(in);
            long received = 0;
            byte[] buf = new byte[64 * 1024];
            while (received < size) {
                int n = in.read(buf);
                assertThat(n).isPositive();
                received += n;
            }
            assertThat(received).isEqualTo(size);
        }
    }

    @Test
    void twoThousandConnectionsHeldOpenAreAllServed() throws Exception {
        int n = 2_000;
        // Both ends of every connection live in this JVM: about 4,100 descriptors.
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.UnixOperatingSystemMXBean os) {
            org.junit.jupiter.api.Assumptions.assumeTrue(os.getMaxFileDescriptorCount() >= 8_192,
                    "needs ulimit -n >= 8192, have " + os.getMaxFileDescriptorCount());
        }
        int port = proxy(LONG, 0, echo().port());
        List<RawHttp> clients = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                clients.add(new RawHttp(port));
            }
            // Every connection is open and idle; a newcomer is still served.
            try (RawHttp extra = new RawHttp(port)) {
                assertThat(extra.send(GET).read(false).status()).isEqualTo(200);
            }
            // Requests go out in waves of 100 so the backend is not hit by 2,000 connects at once (its
            // SYN queue would drop some and the retransmits take seconds); the 2,000 stay open throughout.
            for (int from = 0; from < n; from += 100) {
                List<RawHttp> wave = clients.subList(from, from + 100);
                for (RawHttp c : wave) {
                    c.send(GET);
                }
                for (RawHttp c : wave) {
                    assertThat(c.read(false).status()).isEqualTo(200);
                }
            }
            assertThat(PlatformDependent.usedDirectMemory()).isLessThan(64L * 1024 * 1024);
        } finally {
            for (RawHttp c : clients) {
                c.close();
            }
        }
    }

    @Test
    void aFloodAboveMaxconnWaitsInTheBacklogAndIsServed() throws Exception {
        int port = proxy(LONG, 20, echo().port());
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                answers.add(pool.submit(() -> {
                    try (RawHttp c = new RawHttp(port)) {
                        return c.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").read(false).status();
                    }
                }));
            }
            for (Future<Integer> f : answers) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
