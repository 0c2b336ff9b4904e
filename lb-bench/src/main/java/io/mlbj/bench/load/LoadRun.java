package io.mlbj.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.HdrHistogram.Histogram;

/** Runs one load test: starts the virtual users on a small event loop group, reports progress, collects the result. */
public final class LoadRun {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private LoadRun() {
    }

    /**
     * Runs {@code config} to the end and returns what was measured; one progress line per second goes to
     * {@code progress}. Unless the config allows remote targets, a target that does not resolve to a
     * loopback address raises {@link IllegalArgumentException}.
     */
    public static LoadResult execute(LoadConfig config, PrintStream progress)
            throws InterruptedException, SSLException, UnknownHostException {
        InetSocketAddress target = new InetSocketAddress(
                java.net.InetAddress.getByName(config.connectHost()), config.port());
        if (!config.allowRemote() && !target.getAddress().isLoopbackAddress()) {
            // Defence in depth behind TargetGuard: "localhost" could be mapped elsewhere.
            throw new IllegalArgumentException("refusing to load " + target.getAddress().getHostAddress()
                    + " (" + config.connectHost() + "): not a loopback address; pass --allow-remote");
        }
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory ioHandler = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends Channel> channelType = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        SslProvider provider = SslProvider.isAlpnSupported(SslProvider.OPENSSL) ? SslProvider.OPENSSL : SslProvider.JDK;
        SslContext ssl = config.tls() ? clientSslContext(provider) : null;
        String transport = (epoll ? "epoll" : "nio") + (config.tls() ? ", tls " + provider.name().toLowerCase(Locale.ROOT) : "");
        ClientPipeline pipeline = new ClientPipeline(ssl, config.host(), config.port(), config.method().equals("HEAD"));
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(config.threads(), ioHandler);
        RequestBytes request = RequestBytes.encode(config, PooledByteBufAllocator.DEFAULT);
        try {
            RunStats stats = new RunStats();
            Instant startedAt = Instant.now();
            // CPU per response is taken from the first progress tick after the warm-up (JVM start-up and
            // early JIT excluded), or over the whole run when it ends before such a tick.
            long cpuMark = processCpuNanos();
            long responsesAtCpuMark = 0;
            boolean cpuMarkMeasuring = false;
            long start = System.nanoTime();
            long warmupEnd = start + config.warmup().toNanos();
            long end = config.duration() == null ? Long.MAX_VALUE : warmupEnd + config.duration().toNanos();
            RequestBudget budget = new RequestBudget(warmupEnd, end, config.requests());
            CountDownLatch done = new CountDownLatch(config.connections());
            Map<EventLoop, Bootstrap> bootstraps = new HashMap<>();
            List<VirtualUser> users = new ArrayList<>(config.connections());
            for (int i = 0; i < config.connections(); i++) {
                EventLoop loop = group.next();
                Bootstrap bootstrap = bootstraps.computeIfAbsent(loop, l -> new Bootstrap().group(l)
                        .channel(channelType)
                        .option(ChannelOption.TCP_NODELAY, true)
                        .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                                config.timeout().toMillis()))
                        .handler(pipeline));
                // Open loop: users' schedules are staggered evenly over one interval.
                long offset = config.openLoop()
                        ? Math.round(i * 1e9 / config.rate()) : 0;
                users.add(new VirtualUser(loop, bootstrap, target, request, budget, stats, config,
                        start + offset, done::countDown));
            }
            users.forEach(u -> u.loop().execute(u::start));

            Histogram latency = RunStats.newHistogram();
            Histogram uncorrected = RunStats.newHistogram();
            Histogram interval = RunStats.newHistogram();
            Histogram uncorrectedInterval = RunStats.newHistogram();
            long hardStop = end == Long.MAX_VALUE ? Long.MAX_VALUE : end + config.timeout().toNanos() + 2 * SECOND;
            long lastResponses = 0;
            long lastWarmup = 0;
            while (!done.await(1, TimeUnit.SECONDS)) {
                stats.drainInto(interval, uncorrectedInterval);
                latency.add(interval);
                uncorrected.add(uncorrectedInterval);
                long now = System.nanoTime();
                long responses = stats.responses.sum();
                long warm = stats.warmupResponses.sum();
                progress.println(progressLine(now - start, now < warmupEnd, responses - lastResponses,
                        warm - lastWarmup, responses, stats.errors.sum(), interval));
                if (!cpuMarkMeasuring && now - warmupEnd >= 0) {
                    cpuMarkMeasuring = true;
                    cpuMark = processCpuNanos();
                    responsesAtCpuMark = responses + warm;
                }
                lastResponses = responses;
                lastWarmup = warm;
                if (now - hardStop > 0) {
                    break;
                }
            }
            long doneAt = System.nanoTime();
            users.forEach(u -> u.loop().execute(u::finish));
            done.await(5, TimeUnit.SECONDS);
            stats.drainInto(interval, uncorrectedInterval);
            latency.add(interval);
            uncorrected.add(uncorrectedInterval);
            long cpu = processCpuNanos() - cpuMark;
            long cpuResponses = stats.responses.sum() + stats.warmupResponses.sum() - responsesAtCpuMark;
            double cpuMicrosPerResponse = cpuMark < 0 || cpuResponses <= 0 ? -1 : cpu / 1000.0 / cpuResponses;
            // Until the last response, not the end of the schedule: an open-loop backlog drains after it.
            double measuredSeconds = Math.max(1, doneAt - warmupEnd) / 1e9;
            return new LoadResult(config, startedAt, transport, measuredSeconds,
                    stats.requests.sum(), stats.responses.sum(), stats.ok.sum(), stats.bytes.sum(),
                    stats.errors.sum(), stats.errorKinds(), stats.stickySwitches.sum(), stats.stickyMissing.sum(),
                    latency, uncorrected, cpuMicrosPerResponse);
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            request.close();
        }
    }

    /** CPU time used by this process so far, or -1 when the JVM does not say. */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static SslContext clientSslContext(SslProvider provider) throws SSLException {
        return SslContextBuilder.forClient()
                .sslProvider(provider)
                .trustManager(InsecureTrustManagerFactory.INSTANCE)
                .applicationProtocolConfig(new ApplicationProtocolConfig(
                        ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_1_1))
                .build();
    }

    private static String progressLine(long elapsedNanos, boolean warmingUp, long responses, long warmupResponses,
            long total, long errors, Histogram interval) {
        if (warmingUp) {
            return String.format(Locale.ROOT, "[%4ds] warm-up   %8d resp/s", elapsedNanos / SECOND, warmupResponses);
        }
        return String.format(Locale.ROOT, "[%4ds] measuring %8d resp/s  total %10d  p50 %8.3f ms  p99 %8.3f ms"
                        + "  errors %d",
                elapsedNanos / SECOND, responses, total, interval.getValueAtPercentile(50) / 1000.0,
                interval.getValueAtPercentile(99) / 1000.0, errors);
    }
}
