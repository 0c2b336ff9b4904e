package io.mlbj.core.proxy;

import static io.mlbj.core.proxy.AccessLogReadings.millis;
import static io.mlbj.core.proxy.AccessLogReadings.size;
import static java.util.Objects.requireNonNull;

import io.mlbj.core.accesslog.AccessLog;
import io.mlbj.core.accesslog.TcpLogEntry;
import io.mlbj.core.admin.ProxyCounters;
import io.mlbj.core.routing.Frontend;
import io.mlbj.core.routing.FrontendLog;
import io.mlbj.core.routing.ProxyMode;
import io.mlbj.core.routing.Server;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The access log of one TCP-mode client connection ({@code option tcplog}): one {@link TcpLogEntry} when the
 * connection closes, with the server the {@link TcpFrontendHandler} reached and the bytes sent back. Installed
 * only when the frontend asks for it and the engine's access log is on.
 */
final class TcpAccessLogHandler extends ChannelDuplexHandler {
    private static final String NO_SERVER = "<NOSRV>";

    private final AccessLog log;
    private final ForwardingContext context;
    private final Frontend frontend;
    private final ZoneId zone = ZoneId.systemDefault();

    // Confined to the connection's event loop.
    private long acceptNanos;
    private long acceptMillis;
    private long bytesIn;
    private long bytesOut;
    private String backend;
    private Server server;
    private long connectStartNanos = -1;
    private long connectedNanos = -1;
    private int retries;
    private int backendCount;
    private int serverCount;
    private boolean gaveUp;

    /** A log of one connection accepted by {@code frontend}. */
    TcpAccessLogHandler(AccessLog log, ForwardingContext context, Frontend frontend) {
        this.log = requireNonNull(log, "log");
        this.context = requireNonNull(context, "context");
        this.frontend = requireNonNull(frontend, "frontend");
    }

    /** Whether connections accepted by {@code frontend} get this handler when the engine logs to {@code log}. */
    static boolean wanted(AccessLog log, Frontend frontend) {
        return log.enabled() && frontend.mode() == ProxyMode.TCP && frontend.log().format() == FrontendLog.Format.TCP;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        acceptNanos = System.nanoTime();
        acceptMillis = System.currentTimeMillis();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        bytesIn += size(msg);
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        bytesOut += size(msg);
        ctx.write(msg, promise);
    }

    // ---- hooks called by TcpFrontendHandler ----

    /** The connection goes to {@code chosen} of {@code backendName} (null: no backend or no server). */
    void routed(String backendName, Server chosen) {
        backend = backendName;
        server = chosen;
    }

    /** A connection attempt to the server begins. */
    void connecting() {
        connectStartNanos = System.nanoTime();
    }

    /** The server connection is up after {@code attempts} retries (possibly to another server). */
    void connected(Server reached, int attempts) {
        server = reached;
        connectedNanos = System.nanoTime();
        retries = attempts;
        backendCount = AccessLogReadings.backendSessions(context, backend);
        serverCount = context.counts().activeConnections(reached);
    }

    /** No connection to {@code tried} could be made after {@code attempts} retries. */
    void unreachable(Server tried, int attempts) {
        server = tried;
        retries = attempts;
        gaveUp = true;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        // dontlognull: a connection that carried no byte either way is not logged, unless no server could be reached
        if (bytesIn > 0 || bytesOut > 0 || gaveUp || !frontend.log().dontLogNull()) {
            long now = System.nanoTime();
            boolean up = connectedNanos >= 0;
            // SC: no server connection could be made; CC: the client left while it was being made.
            String state = up ? "--" : server == null || gaveUp ? "SC" : "CC";
            ProxyCounters fe = context.traffic().existingFrontend(frontend.name());
            log.log(new TcpLogEntry(clientIp(ctx), clientPort(ctx), Instant.ofEpochMilli(acceptMillis).atZone(zone),
                    frontend.name(), frontend.tls() != null, backend != null ? backend : frontend.name(),
                    up ? server.name() : server != null ? server.name() : NO_SERVER, backend != null ? 0 : -1,
                    up ? millis(connectedNanos - connectStartNanos) : -1, millis(now - acceptNanos), bytesOut, state,
                    (int) context.traffic().activeSessions() + 1, (fe == null ? 0 : (int) fe.sessionsCurrent()) + 1,
                    up ? backendCount : 0, up ? serverCount : 0, retries));
        }
        ctx.fireChannelInactive();
    }

    private static String clientIp(ChannelHandlerContext ctx) {
        return AccessLogReadings.clientIp(ctx.channel());
    }

    private static int clientPort(ChannelHandlerContext ctx) {
        return NettyRequestView.clientPort(ctx.channel());
    }


}
