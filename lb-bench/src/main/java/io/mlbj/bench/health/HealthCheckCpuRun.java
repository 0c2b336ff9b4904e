package io.mlbj.bench.health;

import io.mlbj.core.Transport;
import io.mlbj.core.health.HealthChecks;
import io.mlbj.core.health.HealthView;
import io.mlbj.core.health.ServerHealthView;
import io.mlbj.core.pool.ServerTlsHandlers;
import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.Balance;
import io.mlbj.core.routing.HealthCheck;
import io.mlbj.core.routing.ProxyMode;
import io.mlbj.core.routing.RoutingSnapshot;
import io.mlbj.core.routing.Server;
import io.mlbj.core.routing.Timeouts;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.ReferenceCountUtil;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A bounded measured run: 10,000 servers checked every 2 s (HAProxy's default {@code inter}, spread 5 %)
 * against local listeners (HTTP and TCP) or closed ports (TCP), on a dedicated group of two event loops.
 * Prints the CPU time of the checking threads per second of wall time (the fraction of one core they
 * use), the checks completed per second, and the bytes those threads allocated per check.
 *
 * <p>Run: {@code java -cp lb-bench/target/benchmarks.jar io.mlbj.bench.health.HealthCheckCpuRun
 * [servers] [measureSeconds] [modes...]} (modes: {@code tcp-closed tcp-open http}).
 */
public final class HealthCheckCpuRun {
    private static final String CHECKER_THREADS = "hc-bench";
    private static final int LISTENERS = 8;

    private HealthCheckCpuRun() {}

    /** Runs each mode and prints one line of figures per mode. */
    public static void main(String[] args) throws Exception {
        int servers = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        List<String> modes = args.length > 2 ? List.of(args).subList(2, args.length)
                : List.of("tcp-closed", "tcp-open", "http");
        Transport transport = Transport.detect();
        MultiThreadIoEventLoopGroup targets = transport.newGroup(1, "hc-target");
        try {
            for (String mode : modes) {
                run(transport, targets, mode, servers, seconds);
            }
        } finally {
            targets.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    private static void run(Transport transport, MultiThreadIoEventLoopGroup targets, String mode, int count,
            int seconds) throws Exception {
        List<Channel> listeners = new ArrayList<>();
        int[] ports = new int[LISTENERS];
        for (int i = 0; i < LISTENERS; i++) {
            if (mode.equals("tcp-closed")) {
                try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                    ports[i] = s.getLocalPort();
                }
            } else {
                Channel ch = new ServerBootstrap().group(targets).channel(transport.serverChannelType())
                        .childHandler(mode.equals("http") ? new OkAnswer() : new Silent())
                        .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).syncUninterruptibly().channel();
                listeners.add(ch);
                ports[i] = ((InetSocketAddress) ch.localAddress()).getPort();
            }
        }
        Duration inter = Duration.ofSeconds(2);
        boolean http = mode.equals("http");
        HealthCheck check = new HealthCheck(inter, 2, 3, 0, http ? "GET" : null, http ? "/health" : null, inter,
                inter, inter, http ? "HTTP/1.0" : null, 0, 5);
        Map<String, Backend> backends = new LinkedHashMap<>();
        List<Server> all = new ArrayList<>();
        int perBackend = 100;
        for (int b = 0; b * perBackend < count; b++) {
            List<Server> list = new ArrayList<>();
            for (int i = 0; i < perBackend && b * perBackend + i < count; i++) {
                Server s = new Server("s" + i, "127.0.0.1", ports[(b * perBackend + i) % LISTENERS], 0, 1, null,
                        false, null, check, 0);
                list.add(s);
                all.add(s);
            }
            String name = "app" + b;
            backends.put(name, new Backend(name, ProxyMode.HTTP, Balance.ROUNDROBIN, null, list, false, false, false,
                    3, List.of(), List.of(), Timeouts.MARATHON_LB_DEFAULTS));
        }
        MultiThreadIoEventLoopGroup checkers = transport.newGroup(2, CHECKER_THREADS);
        HealthChecks checks = new HealthChecks(checkers, transport.channelType(), ServerTlsHandlers.NONE);
        try {
            checks.apply(new RoutingSnapshot(List.of(), backends, "", List.of()));
            // The first checks are spread over one interval; then the steady state.
            Thread.sleep(3 * inter.toMillis());
            long checks0 = totalChecks(checks, backends);
            long[] cpu0 = checkerCpuAndAllocation();
            long wall0 = System.nanoTime();
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
            long wall = System.nanoTime() - wall0;
            long[] cpu1 = checkerCpuAndAllocation();
            long done = totalChecks(checks, backends) - checks0;
            double cores = (cpu1[0] - cpu0[0]) / (double) wall;
            ServerHealthView sample = checks.server("app0", all.get(0));
            double perCheckMicros = (cpu1[0] - cpu0[0]) / 1e3 / Math.max(1, done);
            System.out.printf("%-10s servers=%d inter=2s: checker CPU %.3f s/s (%.1f %% of one core), %.0f checks/s,"
                            + " %.1f us CPU/check (%.3f s/s at the nominal %d checks/s), %.0f B allocated/check,"
                            + " user-mode share %.0f %%, up=%d/%d, sample %s %s%n",
                    mode, count, cores, cores * 100, done / (wall / 1e9), perCheckMicros,
                    perCheckMicros * count / 2 / 1e6, count / 2,
                    (cpu1[1] - cpu0[1]) / (double) Math.max(1, done),
                    100.0 * (cpu1[2] - cpu0[2]) / Math.max(1, cpu1[0] - cpu0[0]), upCount(checks, backends), count,
                    sample.lastCheckText(), sample.statusText());
        } finally {
            checks.close();
            checkers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            for (Channel ch : listeners) {
                ch.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
            }
        }
    }

    private static long totalChecks(HealthView view, Map<String, Backend> backends) {
        long n = 0;
        for (Backend b : backends.values()) {
            for (Server s : b.servers()) {
                n += view.server(b.name(), s).checks();
            }
        }
        return n;
    }

    private static int upCount(HealthView view, Map<String, Backend> backends) {
        int n = 0;
        for (Backend b : backends.values()) {
            for (Server s : b.servers()) {
                n += view.server(b.name(), s).isUp() ? 1 : 0;
            }
        }
        return n;
    }

    /** CPU nanoseconds, allocated bytes and user-mode CPU nanoseconds of the checker threads so far. */
    private static long[] checkerCpuAndAllocation() {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long cpu = 0;
        long allocated = 0;
        long user = 0;
        for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (t != null && t.getThreadName().startsWith(CHECKER_THREADS)) {
                cpu += mx.getThreadCpuTime(t.getThreadId());
                user += mx.getThreadUserTime(t.getThreadId());
                allocated += mx.getThreadAllocatedBytes(t.getThreadId());
            }
        }
        return new long[] {cpu, allocated, user};
    }

    /** Answers every request with a 200 status line and waits for the checker to close (no TIME_WAIT here). */
    @Sharable
    private static final class OkAnswer extends ChannelInboundHandlerAdapter {
        private static final ByteBuf OK = Unpooled.unreleasableBuffer(Unpooled.directBuffer().writeBytes(
                "HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
            ctx.writeAndFlush(OK.duplicate());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** Accepts and waits for the checker to close. */
    @Sharable
    private static final class Silent extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
