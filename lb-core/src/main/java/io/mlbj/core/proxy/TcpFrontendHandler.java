package io.mlbj.core.proxy;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.pool.BackendPool;
import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.BindAddress;
import io.mlbj.core.routing.Frontend;
import io.mlbj.core.routing.RequestView;
import io.mlbj.core.routing.RouteRule;
import io.mlbj.core.routing.Server;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The client side of a TCP-mode connection until its server connection is up: routes by the
 * connection (client address, SNI), picks the server with the balancer, connects with retries and
 * redispatch, then replaces itself by a {@link RelayHandler}.
 */
public final class TcpFrontendHandler extends ChannelInboundHandlerAdapter {
    private final ForwardingContext context;
    private final BindAddress bind;
    private ChannelHandlerContext ctx;
    private RouteIndex index;
    private Backend backend;
    private Server server;
    private int attempt;
    private RequestView view;
    // Bytes and EOF the transport may deliver before the server connection is up (e.g. epoll on RDHUP).
    private final java.util.ArrayDeque<Object> early = new java.util.ArrayDeque<>();
    private boolean earlyInputShutdown;

    /** A handler for a TCP connection accepted on {@code bind}. */
    public TcpFrontendHandler(ForwardingContext context, BindAddress bind) {
        this.context = requireNonNull(context, "context");
        this.bind = requireNonNull(bind, "bind");
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        index = context.routes().current();
        Frontend fe = index.frontend(bind);
        view = new ConnectionView(ctx.channel());
        backend = fe == null ? null : route(fe);
        server = backend == null ? null : index.balancer(backend).choose(view, context.counts(), null);
        TcpAccessLogHandler accessLog = accessLog();
        if (accessLog != null) {
            accessLog.routed(backend == null ? null : backend.name(), server);
        }
        if (server == null) {
            ctx.close();
            return;
        }
        connect();
        ctx.fireChannelActive();
    }

    private Backend route(Frontend fe) {
        for (RouteRule rule : fe.rules()) {
            if (rule.condition().matches(view)) {
                Backend b = index.snapshot().backend(rule.target().select(view));
                if (b != null) {
                    return b;
                }
            }
        }
        return index.snapshot().backend(fe.defaultBackend());
    }

    private void connect() {
        BackendPool pool = context.pools().forLoop(ctx.channel().eventLoop());
        RelayHandler toClient = new RelayHandler(ctx.channel());
        if (accessLog() != null) {
            accessLog().connecting();
        }
        ChannelFuture f = pool.connectTcp(server, backend.timeouts().connect(), toClient);
        f.addListener(done -> {
            if (!ctx.channel().isActive()) {
                f.channel().close();
                return;
            }
            if (done.isSuccess()) {
                connected(f.channel());
                return;
            }
            var counters = context.traffic().backend(backend.name());
            counters.totals().connectError();
            counters.server(server.name()).connectError();
            if (attempt < backend.retries()) {
                attempt++;
                counters.totals().retry();
                counters.server(server.name()).retry();
                if (attempt == backend.retries() && backend.redispatch()) {
                    Server other = index.balancer(backend).choose(view, context.counts(), server);
                    if (other != null && !other.equals(server)) {
                        counters.totals().redispatch();
                        counters.server(server.name()).redispatch();
                        server = other;
                    }
                }
                connect();
            } else {
                if (accessLog() != null) {
                    accessLog().unreachable(server, attempt);
                }
                ctx.close();
            }
        });
    }

    private void connected(Channel backendChannel) {
        Server s = server;
        context.counts().increment(s);
        var counters = context.traffic().backend(backend.name());
        var serverCounters = counters.server(s.name());
        long now = EventClock.now();
        counters.totals().sessionOpened(now);
        serverCounters.sessionOpened(now);
        if (accessLog() != null) {
            accessLog().connected(s, attempt);
        }
        backendChannel.closeFuture().addListener(f -> {
            context.counts().decrement(s);
            counters.totals().sessionClosed();
            serverCounters.sessionClosed();
        });
        long tunnelMs = backend.timeouts().tunnel().toMillis();
        backendChannel.pipeline().addBefore(PipelineNames.RELAY, PipelineNames.IDLE,
                new IdleStateHandler(0, 0, tunnelMs, TimeUnit.MILLISECONDS));
        ctx.pipeline().addBefore(ctx.name(), PipelineNames.IDLE,
                new IdleStateHandler(0, 0, tunnelMs, TimeUnit.MILLISECONDS));
        ctx.pipeline().replace(this, PipelineNames.RELAY, new RelayHandler(backendChannel));
        for (Object msg = early.poll(); msg != null; msg = early.poll()) {
            backendChannel.write(msg, backendChannel.voidPromise());
        }
        backendChannel.flush();
        if (earlyInputShutdown && backendChannel instanceof io.netty.channel.socket.DuplexChannel d) {
            d.shutdownOutput();
        }
        backendChannel.read();
        RelayHandler.readUnlessShut(ctx.channel());
    }

    /** The connection's access log ({@code option tcplog}), or null. */
    private TcpAccessLogHandler accessLog() {
        return (TcpAccessLogHandler) ctx.pipeline().get(PipelineNames.ACCESS_LOG);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        early.add(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof io.netty.channel.socket.ChannelInputShutdownEvent) {
            earlyInputShutdown = true;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        for (Object msg = early.poll(); msg != null; msg = early.poll()) {
            io.netty.util.ReferenceCountUtil.release(msg);
        }
        ctx.fireChannelInactive();
    }

    /** What a TCP-mode condition can see: the connection, no HTTP. */
    private record ConnectionView(Channel channel) implements RequestView {
        @Override
        public String header(String name) {
            return null;
        }

        @Override
        public String path() {
            return null;
        }

        @Override
        public String uri() {
            return null;
        }

        @Override
        public String sni() {
            return channel.attr(FrontendTlsHandlers.SNI_HOST_NAME).get();
        }

        @Override
        public boolean isTls() {
            return channel.pipeline().get(PipelineNames.TLS) != null;
        }

        @Override
        public InetAddress clientAddress() {
            return channel.remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
        }

        @Override
        public int frontendPort() {
            return channel.localAddress() instanceof InetSocketAddress a ? a.getPort() : 0;
        }
    }
}
