package io.mlbj.core;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.admin.AdminService;
import io.mlbj.core.admin.HealthCheckColumns;
import io.mlbj.core.admin.LbMetrics;
import io.mlbj.core.health.HealthChecks;
import io.mlbj.core.health.HealthView;
import io.mlbj.core.pool.BackendPools;
import io.mlbj.core.pool.ServerConnectionCounts;
import io.mlbj.core.proxy.ForwardingContext;
import io.mlbj.core.proxy.FrontendChannelInitializer;
import io.mlbj.core.proxy.ConnectionLimits;
import io.mlbj.core.proxy.HttpProxyHandler;
import io.mlbj.core.proxy.LiveRoutes;
import io.mlbj.core.routing.BindAddress;
import io.mlbj.core.routing.Frontend;
import io.mlbj.core.routing.RoutingSnapshot;
import io.mlbj.core.routing.RoutingTable;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy's lifecycle: event loops, one listening socket per bind address of the routing table's
 * snapshot (opened and closed only when the set of bind addresses changes on a swap), and graceful
 * drain on {@link #close(Duration)}.
 */
public final class LbServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LbServer.class);
    /** marathon-lb's {@code backlog 10000}. */
    private static final int BACKLOG = 10_000;

    private final RoutingTable table;
    private final LbServerOptions options;
    private final Transport transport;
    private final MultiThreadIoEventLoopGroup acceptors;
    private final MultiThreadIoEventLoopGroup workers;
    private final ForwardingContext context;
    private final LbMetrics metrics = new LbMetrics();
    private final AdminService admin;
    private final HealthChecks health;
    private final ConnectionLimits connectionLimits;
    private final ChannelGroup connections = new DefaultChannelGroup("client-connections", GlobalEventExecutor.INSTANCE);
    // Guarded by `this`: listeners change only on start, swaps and close.
    private final Map<BindAddress, Channel> listeners = new HashMap<>();
    // Guarded by `this`: bound by prepare() for a snapshot not swapped in yet, not accepting.
    private final Map<BindAddress, Channel> pending = new HashMap<>();
    private boolean closed;

    /** A server following {@code table}; nothing is bound until {@link #start()}. */
    public LbServer(RoutingTable table, LbServerOptions options) {
        this.table = requireNonNull(table, "table");
        this.options = requireNonNull(options, "options");
        this.transport = Transport.detect();
        log.info("I/O transport: {}", transport.name());
        this.acceptors = transport.newGroup(1, "lb-accept");
        this.workers = transport.newGroup(options.ioThreads(), "lb-io");
        // One accept loop (the group has one thread): the connection limits are confined to it.
        this.connectionLimits = new ConnectionLimits(acceptors.next(), table.current().maxConnections());
        metrics.bindConnectionLimit(connectionLimits::open, connectionLimits::limit);
        BackendPools pools = new BackendPools(transport.channelType(), options.serverTls());
        this.health = new HealthChecks(workers, transport.channelType(), options.serverTls(),
                (backend, server, passed) -> metrics.traffic().backend(backend).server(server).checkResult(passed));
        ServerConnectionCounts counts = new ServerConnectionCounts(health::isUp, health::effectiveWeight);
        this.admin = new AdminService(table, counts, new HealthCheckColumns(health), metrics, options.admin());
        this.context = new ForwardingContext(new LiveRoutes(table, options.balancers(), options.persistence()), pools,
                counts, metrics.traffic(), admin, options.accessLog());
        table.onSwap(this::onSwap);
        acceptors.scheduleAtFixedRate(metrics.traffic()::sampleRates, 1, 1, TimeUnit.SECONDS);
    }

    /** Binds every address of the current snapshot; fails when one cannot be bound. */
    public synchronized LbServer start() {
        try {
            for (BindAddress b : bindsOf(table.current())) {
                Channel ch = bind(b);
                listeners.put(b, ch);
            }
            health.apply(table.current());
        } catch (RuntimeException e) {
            // Nothing half-started stays behind: listeners opened so far and the event loops go.
            listeners.values().forEach(LbServer::closeListener);
            listeners.clear();
            closed = true;
            health.close();
            acceptors.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            admin.close();
            metrics.close();
            throw e;
        }
        return this;
    }

    /** The transport in use ({@code epoll} or {@code nio}). */
    public String transportName() {
        return transport.name();
    }

    /** The per-server counts of exchanges in progress (the balancers' {@code ServerStatus}). */
    public ServerConnectionCounts serverStatus() {
        return context.counts();
    }

    /** The meters of this server ({@code /metrics}), with the hooks the daemon records Marathon syncs into. */
    public LbMetrics metrics() {
        return metrics;
    }

    /** The {@code global maxconn} in force and the count of client connections it limits. */
    public ConnectionLimits connectionLimits() {
        return connectionLimits;
    }

    /** The active health checks of the servers with {@code check} (read-only view, for the stats page). */
    public HealthView health() {
        return health;
    }

    /** The local address actually bound for {@code bind} (its real port when it asked for port 0), or null. */
    public synchronized InetSocketAddress boundAddress(BindAddress bind) {
        Channel ch = listeners.get(bind);
        return ch == null ? null : (InetSocketAddress) ch.localAddress();
    }

    /** The bind addresses listening now. */
    public synchronized Set<BindAddress> listening() {
        return Set.copyOf(listeners.keySet());
    }

    /**
     * Gets {@code next} ready to be swapped in, so that a swap cannot half-fail: builds its balancers and
     * sticky-session codecs (an {@link IllegalArgumentException} names a backend they reject) and binds
     * the addresses not listening yet without accepting on them until the swap (a
     * {@link BindFailedException} names the address; nothing this call bound stays open).
     */
    public synchronized void prepare(RoutingSnapshot next) {
        requireNonNull(next, "next");
        if (closed) {
            throw new IllegalStateException("closed");
        }
        context.routes().prepare(next);
        Set<BindAddress> wanted = bindsOf(next);
        for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!wanted.contains(e.getKey())) {
                closeListener(e.getValue());
                it.remove();
            }
        }
        Map<BindAddress, Channel> opened = new HashMap<>();
        for (BindAddress b : wanted) {
            if (listeners.containsKey(b) || pending.containsKey(b)) {
                continue;
            }
            try {
                opened.put(b, listen(b, false));
            } catch (Exception e) {
                // Exception, not RuntimeException: Netty's sync() rethrows the checked BindException as is.
                opened.values().forEach(LbServer::closeListener);
                throw new BindFailedException(b, e);
            }
        }
        pending.putAll(opened);
    }

    private synchronized void onSwap(RoutingSnapshot previous, RoutingSnapshot next) {
        if (closed) {
            return;
        }
        long began = System.nanoTime();
        connectionLimits.limit(next.maxConnections());
        applySwap(next);
        metrics.traffic().retain(next);
        metrics.recordSwap(System.nanoTime() - began);
    }

    private void applySwap(RoutingSnapshot next) {
        Set<BindAddress> wanted = bindsOf(next);
        for (var it = listeners.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!wanted.contains(e.getKey())) {
                log.info("closing listener {}", e.getKey());
                // Only the listening socket closes; accepted connections keep working.
                closeListener(e.getValue());
                it.remove();
            }
        }
        for (BindAddress b : wanted) {
            if (!listeners.containsKey(b)) {
                try {
                    listeners.put(b, bind(b));
                } catch (RuntimeException e) {
                    log.error("cannot listen on {}:{}: {}", b.host(), b.port(), e.toString());
                }
            }
        }
        context.pools().retainServersOf(next);
        health.apply(next);
    }

    /** Closes a listening socket; when called off its loop, returns once the port is released. */
    private static void closeListener(Channel listener) {
        var f = listener.close();
        if (!listener.eventLoop().inEventLoop()) {
            f.awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    private Channel bind(BindAddress b) {
        Channel prepared = pending.remove(b);
        if (prepared != null) {
            connectionLimits.resume(prepared);
            log.info("accepting on {} ({})", prepared.localAddress(), b);
            return prepared;
        }
        return listen(b, true);
    }

    /** Binds {@code b}; with {@code accepting} false, connections wait in the backlog until auto-read is on. */
    private Channel listen(BindAddress b, boolean accepting) {
        ServerBootstrap sb = new ServerBootstrap()
                .group(acceptors, workers)
                .channel(transport.serverChannelType())
                .option(ChannelOption.SO_BACKLOG, BACKLOG)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.AUTO_READ, accepting)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, io.mlbj.core.pool.BackendPool.WATER_MARK)
                .childHandler(new FrontendChannelInitializer(context, b, options.frontendTls(), connections))
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel listener) {
                        listener.pipeline().addLast(connectionLimits.listenerHandler(() -> frontendLimit(b)),
                                new AcceptErrorPause(connectionLimits));
                    }
                });
        InetSocketAddress addr = b.isWildcard() ? new InetSocketAddress(b.port()) : new InetSocketAddress(b.host(), b.port());
        Channel ch = sb.bind(addr).syncUninterruptibly().channel();
        log.info("listening on {} ({})", ch.localAddress(), b);
        return ch;
    }

    /** The {@code maxconn} of the frontend that owns {@code b} now (0 = none of its own). */
    private int frontendLimit(BindAddress b) {
        Frontend fe = context.routes().current().frontend(b);
        return fe == null ? 0 : fe.maxConnections();
    }

    private static Set<BindAddress> bindsOf(RoutingSnapshot s) {
        Set<BindAddress> out = new HashSet<>();
        for (Frontend f : s.frontends()) {
            out.addAll(f.binds());
        }
        return out;
    }

    /**
     * Graceful drain: stops accepting, lets requests in progress finish (idle keep-alive connections
     * close at once, busy ones after their response) until {@code deadline} has passed, then closes
     * whatever is left and stops the event loops.
     */
    public void close(Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            admin.stopServing();
            listeners.values().forEach(LbServer::closeListener);
            listeners.clear();
            pending.values().forEach(LbServer::closeListener);
            pending.clear();
        }
        for (Channel ch : connections) {
            ch.pipeline().fireUserEventTriggered(HttpProxyHandler.DRAIN);
        }
        while (!connections.isEmpty() && System.nanoTime() < end) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        connections.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        health.close();
        context.pools().closeIdle();
        acceptors.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        admin.close();
        metrics.close();
    }

    /** Drains for up to five seconds. */
    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    /** Pauses accepting for a second when {@code accept()} fails (e.g. out of file descriptors). */
    private static final class AcceptErrorPause extends ChannelInboundHandlerAdapter {
        private final ConnectionLimits connectionLimits;

        AcceptErrorPause(ConnectionLimits connectionLimits) {
            this.connectionLimits = connectionLimits;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof IOException) {
                log.warn("accept failed on {}: {}; pausing for 1 s", ctx.channel().localAddress(), cause.toString());
                connectionLimits.suspend(ctx.channel());
                ctx.channel().eventLoop().schedule(() -> connectionLimits.resume(ctx.channel()), 1, TimeUnit.SECONDS);
            } else {
                ctx.fireExceptionCaught(cause);
            }
        }
    }
}
