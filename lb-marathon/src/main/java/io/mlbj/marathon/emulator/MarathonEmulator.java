package io.mlbj.marathon.emulator;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An in-process Marathon: an HTTP(S) server on Netty speaking the part of Marathon's API that
 * marathon-lb uses ({@code /v2/apps}, {@code /v2/events}, {@code /v2/info}, {@code /v2/leader},
 * {@code /ping}), changed through its own API like a real Marathon, with knobs for fault tests.
 */
public final class MarathonEmulator implements AutoCloseable {

    /**
     * How the emulator is set up.
     *
     * @param bindHost the address to listen on (normally 127.0.0.1)
     * @param port the port, 0 = any free one
     * @param launcher what starts the tasks
     * @param tls serve https with this context, if present
     * @param basicAuth {@code user:password} every request must carry, if present
     */
    public record Options(String bindHost, int port, TaskLauncher launcher, Optional<SslContext> tls,
                          Optional<String> basicAuth) {
        public Options {
            requireNonNull(bindHost, "bindHost");
            requireNonNull(launcher, "launcher");
            requireNonNull(tls, "tls");
            requireNonNull(basicAuth, "basicAuth");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
            }
        }

        /** Plain http on 127.0.0.1, any port, fake tasks, no auth. */
        public static Options defaults() {
            return new Options("127.0.0.1", 0, new FakePortTaskLauncher(), Optional.empty(), Optional.empty());
        }

        /** A copy with another task launcher. */
        public Options withLauncher(TaskLauncher value) {
            return new Options(bindHost, port, value, tls, basicAuth);
        }

        /** A copy serving https. */
        public Options withTls(SslContext value) {
            return new Options(bindHost, port, launcher, Optional.of(value), basicAuth);
        }

        /** A copy requiring HTTP Basic auth with {@code user:password}. */
        public Options withBasicAuth(String userColonPassword) {
            return new Options(bindHost, port, launcher, tls, Optional.of(userColonPassword));
        }

        /** A copy on a given port. */
        public Options withPort(int value) {
            return new Options(bindHost, value, launcher, tls, basicAuth);
        }
    }

    private final Options options;
    private final Clock clock = Clock.systemUTC();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final EventStreams eventStreams = new EventStreams();
    private final EmulatedApps apps;
    private final AtomicReference<AppsFault> appsFault = new AtomicReference<>(AppsFault.NONE);
    private final AtomicLong appsRequests = new AtomicLong();
    private final AtomicReference<String> lastAuthorization = new AtomicReference<>();
    private final String expectedAuthorization;
    private volatile String leaderRedirect;
    private volatile Channel server;
    private volatile int boundPort;

    /** Creates a stopped emulator. */
    public MarathonEmulator(Options options) {
        this.options = requireNonNull(options, "options");
        this.apps = new EmulatedApps(options.launcher(), clock, eventStreams::publish);
        this.expectedAuthorization = options.basicAuth()
                .map(up -> "Basic " + java.util.Base64.getEncoder()
                        .encodeToString(up.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .orElse(null);
    }

    /** Starts an emulator with the default options on 127.0.0.1 and any free port. */
    public static MarathonEmulator startDefault() {
        MarathonEmulator emulator = new MarathonEmulator(Options.defaults());
        emulator.start();
        return emulator;
    }

    /** Binds the server (again, on the same port after {@link #stop()}). */
    public synchronized MarathonEmulator start() {
        if (server != null) {
            throw new IllegalStateException("start: already running on port " + boundPort);
        }
        int port = boundPort != 0 ? boundPort : options.port();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ChannelPipeline p = ch.pipeline();
                        options.tls().ifPresent(tls -> p.addLast("tls", tls.newHandler(ch.alloc())));
                        p.addLast("http", new HttpServerCodec());
                        p.addLast("aggregator", new HttpObjectAggregator(16 * 1024 * 1024));
                        p.addLast("marathon", new EmulatorHttpHandler(MarathonEmulator.this));
                    }
                });
        Channel channel = bootstrap.bind(options.bindHost(), port).syncUninterruptibly().channel();
        boundPort = ((InetSocketAddress) channel.localAddress()).getPort();
        server = channel;
        return this;
    }

    /** Closes the listening socket and every connection, keeping the apps; {@link #start()} rebinds. */
    public synchronized void stop() {
        Channel channel = server;
        server = null;
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        connections.close().awaitUninterruptibly();
    }

    /** Stops, then starts again on the same port. */
    public void restart() {
        stop();
        start();
    }

    /** Stops and releases the event loop. */
    @Override
    public void close() {
        apps.close();
        stop();
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** The bound port (kept after {@link #stop()}). */
    public int port() {
        return boundPort;
    }

    /** The base URL, e.g. {@code http://127.0.0.1:34567}. */
    public String url() {
        return (options.tls().isPresent() ? "https" : "http") + "://" + hostAndPort();
    }

    /** Creates an app from its JSON definition, as {@code POST /v2/apps}; returns the stored app. */
    public JsonNode createApp(String definitionJson) {
        try {
            return apps.create(MarathonEventJson.JSON.readTree(definitionJson));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("definitionJson: invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Changes the number of instances, as {@code PUT /v2/apps/{id} {"instances": n}}. */
    public void scaleApp(String appId, int instances) {
        apps.update(appId, MarathonEventJson.JSON.createObjectNode().put("instances", instances));
    }

    /** Removes an app, as {@code DELETE /v2/apps/{id}}. */
    public void deleteApp(String appId) {
        apps.delete(appId);
    }

    /** Kills one task; Marathon replaces it unless {@code scale}. */
    public void killTask(String appId, String taskId, boolean scale) {
        apps.killTask(appId, taskId, scale);
    }

    /** The ids of an app's running tasks. */
    public List<String> taskIds(String appId) {
        return apps.taskIds(appId);
    }

    /** Sets a task's health check result and emits {@code health_status_changed_event}. */
    public void setTaskHealth(String taskId, boolean alive) {
        if (!apps.setHealth(taskId, alive)) {
            throw new IllegalArgumentException("taskId: " + taskId + " (expected: a running task)");
        }
    }

    /**
     * How long a killed task keeps serving, as Marathon's kill grace period: meanwhile it is listed as
     * {@code TASK_KILLING} (announced by a {@code status_update_event}); then its backend stops and
     * {@code TASK_KILLED} is announced. Zero (the default) stops it at once.
     */
    public void killGracePeriod(java.time.Duration period) {
        if (period.isNegative()) {
            throw new IllegalArgumentException("period: " + period + " (expected: >= 0)");
        }
        apps.killGracePeriod(period);
    }

    /** Whether tasks launched from now on start healthy (default true). */
    public void newTasksHealthy(boolean healthy) {
        apps.newTasksHealthy(healthy);
    }

    /** Makes {@code GET /v2/apps} fail in the given way (or answer normally again with NONE). */
    public void appsFault(AppsFault fault) {
        appsFault.set(requireNonNull(fault, "fault"));
    }

    /** Answers every {@code /v2/...} request with a 307 to {@code leaderBaseUrl} (null: answer normally). */
    public void redirectToLeader(String leaderBaseUrl) {
        leaderRedirect = leaderBaseUrl;
    }

    /** Emits an event of the given type with a minimal Marathon-shaped body. */
    public void emitEvent(String eventType) {
        ObjectNode event = MarathonEventJson.JSON.createObjectNode();
        event.put("eventType", eventType);
        event.put("timestamp", clock.instant().toString());
        eventStreams.publish(event);
    }

    /** Closes every open event stream abruptly. */
    public void killEventStreams() {
        eventStreams.closeAll();
    }

    /** Writes raw text to every open event stream (garbage, comments, partial events). */
    public void sendRawToEventStreams(String text) {
        eventStreams.sendRaw(text);
    }

    /** How many event streams are open. */
    public int eventStreamCount() {
        return eventStreams.count();
    }

    /** How many {@code GET /v2/apps} requests were answered. */
    public long appsRequests() {
        return appsRequests.get();
    }

    /** The {@code Authorization} header of the last request, if any. */
    public Optional<String> lastAuthorization() {
        return Optional.ofNullable(lastAuthorization.get());
    }

    String hostAndPort() {
        return options.bindHost() + ":" + boundPort;
    }

    EmulatedApps apps() {
        return apps;
    }

    EventStreams eventStreams() {
        return eventStreams;
    }

    AppsFault appsFault() {
        return appsFault.get();
    }

    String leaderRedirect() {
        return leaderRedirect;
    }

    Instant now() {
        return clock.instant();
    }

    void countAppsRequest() {
        appsRequests.incrementAndGet();
    }

    void recordRequest(FullHttpRequest request) {
        lastAuthorization.set(request.headers().get("Authorization"));
    }

    boolean authorized(String authorization) {
        return expectedAuthorization == null || expectedAuthorization.equals(authorization);
    }
}
