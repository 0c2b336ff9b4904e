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
import io.mlbj.core.routing.RoutingTable;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.util.internal.PlatformDependent;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A 64 MiB body streamed through the proxy both ways at once, with bounded memory. */
class StreamingTest {
    private static final long SIZE = 64L * 1024 * 1024;

    @Test
    void streams64MiBBothWaysWithoutAggregation() throws Exception {
        try (EchoBackend echo = EchoBackend.start("echo")) {
            BindAddress bind = localPort0();
            Backend be = backend("be", LONG, server("echo", echo.port()));
            LbServer lb = new LbServer(new RoutingTable(snapshot(List.of(httpFrontend(bind, "be", LONG)), be)),
                    LbServerOptions.of(TestRoundRobin::new).withIoThreads(1)).start();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong maxDirect = new AtomicLong();
            Thread sampler = new Thread(() -> {
                while (running.get()) {
                    maxDirect.accumulateAndGet(usedDirectMemory(), Math::max);
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            try (Socket s = new Socket("127.0.0.1", lb.boundAddress(bind).getPort())) {
                s.setSoTimeout(30_000);
                OutputStream out = s.getOutputStream();
                out.write(("POST /big HTTP/1.1\r\nHost: x\r\nContent-Length: " + SIZE + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                AtomicBoolean sentAll = new AtomicBoolean();
                CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                    try {
                        byte[] chunk = new byte[64 * 1024];
                        for (long off = 0; off < SIZE; off += chunk.length) {
                            for (int i = 0; i < chunk.length; i++) {
                                chunk[i] = (byte) ((off + i) % 251);
                            }
                            out.write(chunk);
                        }
                        out.flush();
                        sentAll.set(true);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                InputStream in = s.getInputStream();
                RawHeadReader.skipHead(in);
                // The first echoed bytes come back while the client is still sending: nothing aggregates.
                int first = readChunkedByte(in);
                boolean firstBeforeAllSent = !sentAll.get();
                long received = 1;
                long mismatches = first == 0 ? 0 : 1;
                byte[] buf = new byte[64 * 1024];
                while (received < SIZE) {
                    int n = readChunked(in, buf);
                    for (int i = 0; i < n; i++) {
                        if (buf[i] != (byte) ((received + i) % 251)) {
                            mismatches++;
                        }
                    }
                    received += n;
                }
                sender.get(30, TimeUnit.SECONDS);
                assertThat(firstBeforeAllSent).isTrue();
                assertThat(received).isEqualTo(SIZE);
                assertThat(mismatches).isZero();
            } finally {
                running.set(false);
                lb.close(Duration.ofSeconds(1));
            }
            org.slf4j.LoggerFactory.getLogger(StreamingTest.class).info(
                    "64 MiB echoed through the proxy; peak direct memory of {}: {} KiB",
                    ByteBufAllocator.DEFAULT.getClass().getSimpleName(), maxDirect.get() / 1024);
            assertThat(maxDirect.get()).isPositive();
            assertThat(maxDirect.get()).isLessThan(16L * 1024 * 1024);
        }
    }

    /** Direct memory held by Netty's default allocator (adaptive in 4.2, pooled before). */
    private static long usedDirectMemory() {
        ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
        if (alloc instanceof ByteBufAllocatorMetricProvider p) {
            return p.metric().usedDirectMemory();
        }
        return PlatformDependent.usedDirectMemory();
    }

    // A tiny chunked-body reader: remaining bytes of the current chunk.
    private long chunkLeft;

    private int readChunkedByte(InputStream in) throws Exception {
        byte[] one = new byte[1];
        readChunked(in, one);
        return one[0];
    }

    private int readChunked(InputStream in, byte[] buf) throws Exception {
        while (chunkLeft == 0) {
            String line = RawHeadReader.line(in);
            if (line.isEmpty()) {
                continue;
            }
            chunkLeft = Long.parseLong(line.split(";")[0].trim(), 16);
            if (chunkLeft == 0) {
                return 0;
            }
        }
        int n = in.read(buf, 0, (int) Math.min(buf.length, chunkLeft));
        if (n < 0) {
            throw new java.io.EOFException();
        }
        chunkLeft -= n;
        return n;
    }

    /** Reads a response head byte by byte. */
    static final class RawHeadReader {
        static void skipHead(InputStream in) throws Exception {
            String status = line(in);
            assertThat(status).startsWith("HTTP/1.1 200");
            while (!line(in).isEmpty()) {
                // headers
            }
        }

        static String line(InputStream in) throws Exception {
            StringBuilder sb = new StringBuilder();
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new java.io.EOFException();
                }
                if (b != '\r') {
                    sb.append((char) b);
                }
            }
            return sb.toString();
        }
    }
}
