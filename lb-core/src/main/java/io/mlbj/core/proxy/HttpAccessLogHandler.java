package io.mlbj.core.proxy;

import static io.mlbj.core.proxy.AccessLogReadings.millis;
import static io.mlbj.core.proxy.AccessLogReadings.size;
import static java.util.Objects.requireNonNull;

import io.mlbj.core.accesslog.AccessLog;
import io.mlbj.core.accesslog.HttpLogEntry;
import io.mlbj.core.admin.ProxyCounters;
import io.mlbj.core.routing.Frontend;
import io.mlbj.core.routing.FrontendLog;
import io.mlbj.core.routing.Server;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The access log of one HTTP client connection ({@code option httplog}): sits between the byte counting and
 * the HTTP codec, so it sees when a request's first bytes arrive and how many encoded bytes go back; the
 * {@link HttpProxyHandler} tells it when a request starts, which server it reached, the status and when it
 * ended, and it writes one {@link HttpLogEntry} per request. Installed only when the frontend asks for the
 * log and the engine's access log is on, so a connection without it pays nothing.
 */
final class HttpAccessLogHandler extends ChannelDuplexHandler {
    private static final String NO_SERVER = "<NOSRV>";
    private static final String BAD_REQUEST = "<BADREQ>";

    private final AccessLog log;
    private final ForwardingContext context;
    private final String acceptFrontend;
    private final FrontendLog acceptSettings;
    private final boolean tls;
    private final ZoneId zone = ZoneId.systemDefault();

    // Confined to the connection's event loop.
    private ChannelHandlerContext ctx;
    private long bytesIn;
    private long bytesOut;
    private boolean anyRequest;
    // The connection is closing: the counters no longer hold it, though HAProxy's counts still include it.
    private int closing;
    // The next read begins a request (its first bytes: HAProxy's accept date and the start of TR).
    private boolean armed = true;
    // The timestamps of a request's phases are EventClock readings, as the exchange's own (the connect
    // attempt's start among them) are: from two clocks, a stall between a read's start and a later
    // System.nanoTime() in that read would count in two phases at once, and TR + Tc + Tr exceed Ta.
    private long startNanos = -1;
    private long startMillis;
    // The request in progress.
    private boolean active;
    private Frontend frontend;
    private String requestLine;
    private String backend;
    private long headNanos;
    private long bytesAtStart;
    private Server server;
    private long connectStartNanos;
    private long connectedNanos;
    private int retries;
    private int backendCount;
    private int serverCount;
    private long responseNanos;
    private int status;
    private String termination;

    /** A log of the connections accepted by {@code frontend} (as it was at accept time). */
    HttpAccessLogHandler(AccessLog log, ForwardingContext context, Frontend frontend) {
        this.log = requireNonNull(log, "log");
        this.context = requireNonNull(context, "context");
        this.acceptFrontend = frontend.name();
        this.acceptSettings = frontend.log();
        this.tls = frontend.tls() != null;
    }

    /** Whether connections accepted by {@code frontend} get this handler when the engine logs to {@code log}. */
    static boolean wanted(AccessLog log, Frontend frontend) {
        return log.enabled() && frontend.log().format() == FrontendLog.Format.HTTP;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        long n = size(msg);
        bytesIn += n;
        if (armed && n > 0) {
            armed = false;
            startNanos = EventClock.now();
            startMillis = System.currentTimeMillis();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        bytesOut += size(msg);
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = 1;
        if (active) {
            // The client went away with the request in progress.
            requestEnded(status > 0 ? "CD--" : server != null ? "CH--" : "CR--");
        } else if (!armed) {
            // Bytes of a request that never became a whole head.
            logUnparsed(-1, "CR--");
        } else if (!anyRequest && !acceptSettings.dontLogNull()) {
            logUnparsed(-1, "CR--");
        }
        ctx.fireChannelInactive();
    }

    // ---- hooks called by HttpProxyHandler and ServerExchange ----

    /** A request head was routed on {@code fe}; {@code request} is as the client sent it. */
    void requestStarted(Frontend fe, HttpRequest request) {
        active = fe.log().format() == FrontendLog.Format.HTTP;
        anyRequest = true;
        if (!active) {
            return;
        }
        headNanos = EventClock.now();
        if (armed || startNanos < 0) {
            // A pipelined request already read with the previous one: it starts now.
            armed = false;
            startNanos = headNanos;
            startMillis = System.currentTimeMillis();
        }
        frontend = fe;
        requestLine = request.method().name() + ' ' + request.uri() + ' ' + request.protocolVersion().text();
        backend = null;
        server = null;
        connectedNanos = -1;
        responseNanos = -1;
        retries = 0;
        backendCount = 0;
        serverCount = 0;
        status = -1;
        termination = null;
        bytesAtStart = bytesOut;
    }

    /** The request goes to {@code backendName}. */
    void backendChosen(String backendName) {
        if (active) {
            backend = backendName;
        }
    }

    /** The request reached {@code chosen} after {@code attempts} retries; the last attempt began at {@code startNanos}. */
    void serverConnected(Server chosen, long attemptStartNanos, int attempts) {
        if (active) {
            server = chosen;
            connectStartNanos = attemptStartNanos;
            connectedNanos = EventClock.now();
            retries = attempts;
            // Counted while this request holds its connection, as HAProxy's %bc/%sc include it.
            backendCount = AccessLogReadings.backendSessions(context, backend);
            serverCount = context.counts().activeConnections(chosen);
        }
    }

    /** No connection to {@code tried} could be made, after {@code attempts} retries. */
    void serverUnreachable(Server tried, int attempts) {
        if (active) {
            server = tried;
            retries = attempts;
        }
    }

    /** A response head with {@code code} goes to the client. */
    void responseStarted(int code) {
        if (!active) {
            return;
        }
        if (code >= 200 || code == 101) {
            status = code;
            if (connectedNanos >= 0 && responseNanos < 0) {
                responseNanos = EventClock.now();
            }
        }
    }

    /** The client stayed silent too long while the response was in progress ({@code timeout client}). */
    void clientTimedOut() {
        if (active) {
            termination = "cD--";
        }
    }

    /**
     * The request is over: its response was written (or the exchange broke). {@code abnormal} is the
     * termination state the caller knows of, null when the response ended normally or was answered locally.
     */
    void requestEnded(String abnormal) {
        if (!active) {
            return;
        }
        active = false;
        long end = System.nanoTime();
        String state = termination != null ? termination : abnormal != null ? abnormal : normalTermination();
        boolean routed = backend != null;
        log.log(new HttpLogEntry(clientIp(), clientPort(), Instant.ofEpochMilli(startMillis).atZone(zone),
                frontend.name(), tls, routed ? backend : frontend.name(), server != null ? server.name() : NO_SERVER,
                millis(headNanos - startNanos), routed ? 0 : -1,
                connectedNanos >= 0 ? millis(connectedNanos - connectStartNanos) : -1,
                responseNanos >= 0 ? millis(responseNanos - connectedNanos) : -1, millis(end - startNanos), status,
                bytesOut - bytesAtStart, state, activeConnections(), frontendConnections(frontend.name()),
                server != null ? backendCount : 0, server != null ? serverCount : 0, retries, requestLine));
        armed = true;
        startNanos = -1;
    }

    /** The proxy answered the request itself with {@code code} (redirect, built-in service, refusal). */
    void answeredLocally(int code) {
        if (active) {
            status = code;
            requestEnded(null);
        }
    }

    /** The proxy answered {@code code} itself and closes; before a request head was read it is a bad request. */
    void answeredAndClosing(int code) {
        if (active) {
            answeredLocally(code);
        } else if (!armed || !anyRequest && !acceptSettings.dontLogNull()) {
            logUnparsed(code, code == 408 ? "cR--" : "PR--");
        }
    }

    private String normalTermination() {
        if (backend == null) {
            // Answered by the proxy: a redirect or a built-in service, or a request it refused.
            return status >= 400 || status < 0 ? "PR--" : "LR--";
        }
        if (responseNanos >= 0) {
            return "----";
        }
        return switch (status) {
            case 504 -> "sH--";
            case 502 -> "SH--";
            case 503 -> connectedNanos >= 0 ? "SH--" : "SC--";
            default -> "PR--";
        };
    }

    /** A line for a connection whose request never became a whole head ({@code <BADREQ>}). */
    private void logUnparsed(int code, String state) {
        anyRequest = true;
        long now = System.nanoTime();
        long start = startNanos >= 0 ? startNanos : now;
        long millisAt = startNanos >= 0 ? startMillis : System.currentTimeMillis();
        log.log(new HttpLogEntry(clientIp(), clientPort(), Instant.ofEpochMilli(millisAt).atZone(zone),
                acceptFrontend, tls, acceptFrontend, NO_SERVER, -1, -1, -1, -1, millis(now - start), code,
                code > 0 ? bytesOut : 0, state, activeConnections(), frontendConnections(acceptFrontend), 0, 0, 0,
                BAD_REQUEST));
        armed = true;
        startNanos = -1;
    }

    private String clientIp() {
        return AccessLogReadings.clientIp(ctx.channel());
    }

    private int clientPort() {
        return NettyRequestView.clientPort(ctx.channel());
    }

    private int activeConnections() {
        return (int) context.traffic().activeSessions() + closing;
    }

    private int frontendConnections(String name) {
        ProxyCounters c = context.traffic().existingFrontend(name);
        return (c == null ? 0 : (int) c.sessionsCurrent()) + closing;
    }


}
