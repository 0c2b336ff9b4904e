package io.mlbj.core.proxy;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.admin.ProxyCounters;
import io.mlbj.core.routing.BindAddress;
import io.mlbj.core.routing.Frontend;
import io.mlbj.core.routing.Timeouts;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of an HTTP/1.1 connection: takes one request at a time (queued and read as
 * {@link ClientRequestQueue} decides), routes it, answers locally or hands it to a {@link ServerExchange},
 * and keeps the connection alive between requests.
 */
public final class HttpProxyHandler extends ClientRequestQueue {
    /** The user event that asks a connection to close once its request in progress is answered. */
    public static final Object DRAIN = new Object() {
        @Override
        public String toString() {
            return "DRAIN";
        }
    };

    private static final Logger log = LoggerFactory.getLogger(HttpProxyHandler.class);

    private final ForwardingContext context;
    private final BindAddress bind;
    // Every field below is touched on this channel's event loop only (backends share it).
    private ClientTimeouts timers;
    // timeout server of the exchange in progress; one per connection so requests re-arm it without a new task.
    private InactivityTimer serverTimer;
    // Null unless the frontend logs requests (option httplog) and the access log is on.
    private HttpAccessLogHandler accessLog;
    private ClientHttpCodec codec;
    // The connection's view of its request in progress, re-pointed at each request.
    private NettyRequestView view;
    // The exchange of the last forwarded request once it ended normally, begun again by the next; else null.
    private ServerExchange idleExchange;
    private Timeouts frontendTimeouts = Timeouts.MARATHON_LB_DEFAULTS;
    private String frontendName;
    private ProxyCounters frontendCounters;
    private ConnectionLookups lookups;
    private boolean keepAlive;
    // Requests begun on this connection, the one in progress included (1: its first; HAProxy's TX_NOT_FIRST is > 1).
    private long requestsBegun;
    private boolean draining;
    private boolean inputClosed;
    private FullHttpResponse pendingAnswer;

    /** A handler for a connection accepted on {@code bind}. */
    public HttpProxyHandler(ForwardingContext context, BindAddress bind) {
        this.context = requireNonNull(context, "context");
        this.bind = requireNonNull(bind, "bind");
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        super.handlerAdded(ctx);
        this.timers = (ClientTimeouts) ctx.pipeline().get(PipelineNames.CLIENT_TIMER);
        this.serverTimer = new InactivityTimer(ctx.executor(), this::serverTimedOut);
        this.accessLog = (HttpAccessLogHandler) ctx.pipeline().get(PipelineNames.ACCESS_LOG);
        // Both are installed before this handler and stay for the connection's HTTP life: looked up once.
        this.codec = (ClientHttpCodec) ctx.pipeline().get(PipelineNames.HTTP_CODEC);
        this.view = new NettyRequestView(ctx.channel(), ctx.pipeline().get(PipelineNames.TLS) != null);
        this.lookups = new ConnectionLookups(context, ctx.channel().eventLoop());
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        serverTimer.cancel();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Frontend fe = context.routes().current().frontend(bind);
        if (fe != null) {
            frontendTimeouts = fe.timeouts();
            frontendName = fe.name();
            frontendCounters = context.traffic().frontend(frontendName);
        }
        timers.awaitRequest(frontendTimeouts.httpRequest(), null);
        ctx.read();
        ctx.fireChannelActive();
    }

    @Override
    void startRequest(HttpRequest request) {
        if (request.decoderResult().isFailure()) {
            if (frontendCounters != null) {
                frontendCounters.requestError();
            }
            Throwable cause = request.decoderResult().cause();
            log.debug("refused request on {}: {}", ctx.channel(), cause.toString());
            // A failed request may be a full one holding an (empty) buffer.
            ReferenceCountUtil.release(request);
            respondAndClose(ErrorResponses.of(RejectedHead.statusFor(cause)));
            return;
        }
        requestsBegun++;
        RouteIndex index = context.routes().current();
        // A connection outlives its listener: it keeps its frontend by name when the bind went away.
        Frontend fe = index.frontend(bind, frontendName);
        if (fe == null) {
            respondAndClose(ErrorResponses.of(HttpResponseStatus.SERVICE_UNAVAILABLE));
            return;
        }
        frontendTimeouts = fe.timeouts();
        frontendName = fe.name();
        frontendCounters = lookups.frontend(index, frontendName);
        frontendCounters.request();
        timers.requestStarted(frontendTimeouts.client());
        // RFC 9112 §6.1 and HAProxy: after a request framed by both TE and CL, or HTTP/1.0 with TE, close.
        boolean ambiguousFraming = codec.pollAmbiguousFraming()
                || request.protocolVersion().equals(HttpVersion.HTTP_1_0) && HttpUtil.isTransferEncodingChunked(request);
        keepAlive = HttpUtil.isKeepAlive(request) && !draining && !ambiguousFraming && !inputClosed;
        if (accessLog != null) {
            accessLog.requestStarted(fe, request);
        }
        // Earlier requests' readers (router, exchange, rules) are done with it: one request at a time.
        view.show(request);
        HttpRequestRouter.Decision d = HttpRequestRouter.route(index, fe, request, view, context.services());
        if (d.answer() != null) {
            answerLocally(d.answer());
            return;
        }
        state = State.FORWARDING;
        if (accessLog != null) {
            accessLog.backendChosen(d.backend().name());
        }
        ServerExchange x = idleExchange != null ? idleExchange : new ServerExchange(this, context);
        idleExchange = null;
        exchange = x;
        x.start(index, fe, d.backend(), view, ambiguousFraming);
    }

    @Override
    void onRequestContent(HttpContent content) {
        switch (state) {
            case FORWARDING -> exchange.onRequestContent(content);
            case DISCARDING -> {
                boolean last = content instanceof LastHttpContent;
                content.release();
                if (last) {
                    FullHttpResponse answer = pendingAnswer;
                    pendingAnswer = null;
                    finishLocalAnswer(answer);
                }
            }
            default -> content.release();
        }
    }

    /** Answers without a server: errors close the connection; redirects keep it once the body is read. */
    private void answerLocally(FullHttpResponse answer) {
        if (HttpHeaderValues.CLOSE.contentEqualsIgnoreCase(answer.headers().get(HttpHeaderNames.CONNECTION))) {
            respondAndClose(answer);
            return;
        }
        state = State.DISCARDING;
        pendingAnswer = answer;
    }

    private void finishLocalAnswer(FullHttpResponse answer) {
        if (answer instanceof DeferredResponse deferred) {
            // Built off the loop; the next pipelined request waits (state stays DISCARDING) until it is written.
            deferred.whenReady(ctx.executor(), ready -> {
                if (state == State.CLOSED || !ctx.channel().isActive()) {
                    ReferenceCountUtil.release(ready);
                } else {
                    finishLocalAnswer(ready);
                }
            });
            return;
        }
        if (!keepAlive) {
            respondAndClose(answer);
            return;
        }
        countResponse(answer);
        ctx.write(answer);
        if (accessLog != null) {
            accessLog.answeredLocally(answer.status().code());
        }
        requestCycleDone();
    }

    /** Writes {@code response} (a complete local answer) and closes the connection after it. */
    void respondAndClose(FullHttpResponse response) {
        state = State.CLOSED;
        timers.cancel();
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        countResponse(response);
        int code = response.status().code();
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        if (accessLog != null) {
            accessLog.answeredAndClosing(code);
        }
    }

    // ---- called by ServerExchange ----

    private void countResponse(HttpResponse r) {
        if (frontendCounters != null) {
            frontendCounters.response(r.status().code());
        }
    }

    /** The {@code timeout server} timer the exchanges of this connection share (one at a time). */
    InactivityTimer serverTimer() {
        return serverTimer;
    }

    private void serverTimedOut() {
        if (exchange != null) {
            exchange.serverTimedOut();
        }
    }

    /** The connection's access log, null when its requests are not logged. */
    HttpAccessLogHandler accessLog() {
        return accessLog;
    }

    /** The client connection. */
    ConnectionLookups lookups() {
        return lookups;
    }

    Channel clientChannel() {
        return ctx.channel();
    }

    /** Whether the request in progress is the first of this connection (its client cannot tell a retry is safe). */
    boolean firstRequest() {
        return requestsBegun == 1;
    }

    /** Whether the connection may carry another request after this one. */
    boolean clientKeepAlive() {
        return keepAlive && !draining;
    }

    /** The response being relayed is delimited by closing the connection. */
    void closeAfterResponse() {
        keepAlive = false;
    }

    /** Writes a response part toward the client. */
    void writeToClient(Object msg) {
        if (msg instanceof HttpResponse r) {
            countResponse(r);
            if (accessLog != null) {
                accessLog.responseStarted(r.status().code());
            }
        }
        ctx.write(msg, ctx.voidPromise());
    }

    /** Flushes what was written toward the client. */
    void flushClient() {
        ctx.flush();
    }

    /** The exchange failed before any response byte: answer {@code error} and close. */
    void failExchange(FullHttpResponse error) {
        exchange = null;
        respondAndClose(error);
    }

    /** The exchange broke after the response began: nothing sensible can be sent, so close. */
    void abortExchange() {
        exchange = null;
        if (accessLog != null) {
            accessLog.requestEnded("SD--");
        }
        state = State.CLOSED;
        timers.cancel();
        ctx.flush();
        ctx.close();
    }

    /**
     * The response to {@code request} was fully written; {@code requestComplete} is false when the client is
     * still sending.
     */
    void exchangeDone(HttpRequest request, boolean requestComplete) {
        ServerExchange done = exchange;
        exchange = null;
        if (accessLog != null) {
            accessLog.requestEnded(null);
        }
        if (!requestComplete || !clientKeepAlive()) {
            state = State.CLOSED;
            timers.cancel();
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        // The exchange was its last reader (its log line is written): a later request may be decoded into it,
        // and the exchange, which let its server connection go, may carry that request.
        codec.requestDone(request);
        idleExchange = done;
        requestCycleDone();
    }

    /** After a 101: turns this connection into a byte tunnel with {@code backend}. */
    void switchToTunnel(Channel backend, Timeouts backendTimeouts) {
        exchange = null;
        if (accessLog != null) {
            accessLog.requestEnded(null);
        }
        state = State.CLOSED;
        timers.cancel();
        ctx.flush();
        releaseQueued();
        ProtocolSwitch.clientSide(ctx.pipeline(), this, backend, backendTimeouts.tunnel().toMillis());
        RelayHandler.readUnlessShut(ctx.channel());
    }

    private void requestCycleDone() {
        state = State.AWAIT_HEAD;
        ctx.flush();
        timers.awaitRequest(frontendTimeouts.httpRequest(), frontendTimeouts.httpKeepAlive());
        resume();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            timers.touch();
            if (exchange != null) {
                exchange.onClientWritable();
            }
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            // The client half-closed: answer what is in progress, then close.
            inputClosed = true;
            keepAlive = false;
            closeIfIdle();
        } else if (evt == DRAIN) {
            draining = true;
            closeIfIdle();
        } else if (evt == ClientTimeouts.Expired.REQUEST_HEAD && state == State.AWAIT_HEAD) {
            respondAndClose(ErrorResponses.of(ErrorResponses.REQUEST_TIMEOUT));
        } else if (evt == ClientTimeouts.Expired.KEEP_ALIVE && state == State.AWAIT_HEAD) {
            state = State.CLOSED;
            ctx.close();
        } else if (evt == ClientTimeouts.Expired.CLIENT_IDLE) {
            if (exchange != null && exchange.waitsForClient()) {
                if (accessLog != null) {
                    accessLog.clientTimedOut();
                }
                exchange.abort();
                abortExchange();
            }
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        state = State.CLOSED;
        timers.cancel();
        if (exchange != null) {
            exchange.abort();
            exchange = null;
        }
        serverTimer.cancel();
        if (pendingAnswer != null) {
            pendingAnswer.release();
            pendingAnswer = null;
        }
        releaseQueued();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("client connection {} failed", ctx.channel(), cause);
        ctx.close();
    }
}
