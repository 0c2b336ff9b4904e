package io.mlbj.core.proxy;

import io.mlbj.core.pool.BackendHttpHandler;
import io.mlbj.core.pool.BackendPool;
import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.Frontend;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * One request's trip to a server and back: the server and the connection come from {@link ServerConnector};
 * this streams the request body with backpressure, relays the response head (rules, hop-by-hop fields,
 * sticky hook) and body, then returns the connection to the pool, or switches both to a tunnel after a 101.
 */
final class ServerExchange extends ServerConnector {
    private final InactivityTimer serverTimer;

    // The request's, set by start(); confined to the client's event loop, which the backend connection shares.
    private Frontend frontend;
    private boolean upgrade;
    private boolean bodyless;
    private boolean closeServerAfter;
    private long startNanos;
    private boolean requestDone;
    private boolean waitingForServerWritable;
    private boolean interim;
    private HttpResponse response;
    private boolean staleRetried;
    private boolean serverKeepAlive;

    /** The exchange of {@code client}'s connection, started once per request it forwards. */
    ServerExchange(HttpProxyHandler client, ForwardingContext context) {
        super(client, context);
        this.serverTimer = client.serverTimer();
    }

    /**
     * Forwards the request {@code view} shows to {@code backend}, a backend of {@code index}'s snapshot chosen
     * on {@code frontend}. On a new exchange, or again once {@link HttpProxyHandler#exchangeDone} has ended
     * the previous request normally.
     */
    void start(RouteIndex index, Frontend frontend, Backend backend, NettyRequestView view, boolean ambiguousFraming) {
        begin(index, backend, view);
        this.frontend = frontend;
        HttpHeaders h = request.headers();
        this.upgrade = h.contains(HttpHeaderNames.UPGRADE)
                && h.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true);
        this.bodyless = !HttpUtil.isTransferEncodingChunked(request) && HttpUtil.getContentLength(request, 0L) == 0;
        // A request whose framing was ambiguous never leaves a server connection behind for reuse.
        this.closeServerAfter = backend.serverClose() || ambiguousFraming;
        this.startNanos = EventClock.now();
        requestDone = false;
        waitingForServerWritable = false;
        interim = false;
        response = null;
        staleRetried = false;
        serverKeepAlive = false;
        HopByHopHeaders.strip(h, upgrade);
        if (upgrade) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
        } else if (closeServerAfter) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (request.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        chooseAndConnect();
    }

    @Override
    void sendRequest() {
        channel.write(request, channel.voidPromise());
        if (requestDone) {
            // A resend after a stale pooled connection: the (empty) body was already consumed.
            channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT, channel.voidPromise());
            serverTimer.start(backend.timeouts().server());
        } else {
            if (!bodyless || request.headers().contains(HttpHeaderNames.EXPECT)) {
                channel.flush();
            }
        }
        channel.read();
        client.resume();
    }

    @Override
    boolean resendable() {
        return bodyless;
    }

    void onRequestContent(HttpContent content) {
        if (channel == null) {
            content.release();
            return;
        }
        if (content.decoderResult().isFailure()) {
            content.release();
            if (response == null) {
                // A malformed body (e.g. an invalid chunk size) before any answer: 400, as HAProxy.
                fail(HttpResponseStatus.BAD_REQUEST);
            } else {
                abort();
                client.abortExchange();
            }
            return;
        }
        boolean last = content instanceof LastHttpContent;
        countBytes(content.content().readableBytes(), true);
        channel.write(content, channel.voidPromise());
        if (last) {
            requestDone = true;
            channel.flush();
            serverTimer.start(backend.timeouts().server());
        } else if (!channel.isWritable()) {
            // The rest waits in the client handler's queue until the server connection drains.
            waitingForServerWritable = true;
            channel.flush();
        }
    }

    /** Whether a request body part can be written now (connected and the server side writable). */
    boolean acceptsRequestContent() {
        return channel != null && (requestDone || channel.isWritable());
    }

    /** Whether the whole request was sent. */
    boolean requestDone() {
        return requestDone;
    }

    void flushServer() {
        if (channel != null) {
            IterationFlusher.flushLater(channel);
        }
    }

    /** Whether the exchange is stalled on the client (for {@code timeout client}). */
    boolean waitsForClient() {
        // Stalls caused by the server (its side not writable, no response yet) are the server timeout's business.
        boolean uploadStalled = !requestDone && acceptsRequestContent();
        boolean downloadStalled = response != null && !client.clientChannel().isWritable();
        return uploadStalled || downloadStalled;
    }

    void onClientWritable() {
        if (channel != null && response != null) {
            channel.read();
        }
    }

    @Override
    public void onBackendWritabilityChanged(boolean writable) {
        if (writable && waitingForServerWritable) {
            waitingForServerWritable = false;
            client.resume();
        }
    }

    @Override
    public void onBackendMessage(Object msg) {
        serverTimer.touch();
        if (msg instanceof HttpResponse r) {
            onResponseHead(r);
            if (msg instanceof HttpContent c) {
                onResponseContent(c);
            }
        } else if (msg instanceof HttpContent c) {
            onResponseContent(c);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onResponseHead(HttpResponse r) {
        if (r.decoderResult().isFailure()) {
            countResponseError();
            fail(HttpResponseStatus.BAD_GATEWAY);
            return;
        }
        int code = r.status().code();
        interim = code >= 100 && code < 200 && code != 101;
        if (interim) {
            HopByHopHeaders.strip(r.headers(), false);
            client.writeToClient(r);
            return;
        }
        response = r;
        backendCounters.recordResponseTime(EventClock.now() - startNanos);
        backendCounters.totals().response(code);
        serverCounters.response(code);
        serverKeepAlive = HttpUtil.isKeepAlive(r);
        boolean switching = code == 101 && upgrade;
        HttpHeaders h = r.headers();
        HopByHopHeaders.strip(h, switching);
        HttpRuleActions.applyToResponse(backend.responseRules(), h, view);
        HttpRuleActions.applyToResponse(frontend.responseRules(), h, view);
        if (persistence != null) {
            persistence.onResponse(persistenceDecision, server, request, r);
        }
        if (switching) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
        } else if (!client.clientKeepAlive()) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (request.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        boolean http10Client = request.protocolVersion().equals(HttpVersion.HTTP_1_0);
        if (mayHaveBody(code) && !HttpUtil.isContentLengthSet(r)) {
            if (!http10Client && !HttpUtil.isTransferEncodingChunked(r)) {
                // A body delimited by the server closing: re-frame as chunked for HTTP/1.1 clients.
                HttpUtil.setTransferEncodingChunked(r, true);
            } else if (http10Client) {
                // HTTP/1.0 knows no chunked framing: the body ends when the connection closes.
                HttpUtil.setTransferEncodingChunked(r, false);
                h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                client.closeAfterResponse();
            }
        }
        client.writeToClient(r);
    }

    private boolean mayHaveBody(int code) {
        return code != 204 && code != 304 && code >= 200 && !request.method().equals(HttpMethod.HEAD);
    }

    private void onResponseContent(HttpContent c) {
        if (response == null && !interim) {
            c.release();
            return;
        }
        countBytes(RefilledLastContent.readableBytes(c), false);
        client.writeToClient(c);
        if (!(c instanceof LastHttpContent)) {
            return;
        }
        if (interim) {
            interim = false;
            return;
        }
        if (response.status().code() == 101 && upgrade) {
            switchToTunnel();
            return;
        }
        complete();
    }

    private void complete() {
        finished = true;
        serverTimer.stop();
        uncount();
        releaseConnection(requestDone && !closeServerAfter && serverKeepAlive);
        // Last: the connection may start its next request on this very exchange within the call.
        client.exchangeDone(request, requestDone);
    }

    private void switchToTunnel() {
        finished = true;
        serverTimer.stop();
        Channel ch = channel;
        BackendHttpHandler.attach(ch, null);
        ProtocolSwitch.serverSide(ch, client.clientChannel(), backend.timeouts().tunnel().toMillis());
        // The connection count of a tunnel lasts as long as the tunnel.
        ch.closeFuture().addListener(f -> uncount());
        client.switchToTunnel(ch, backend.timeouts());
        ch.read();
    }

    @Override
    public void onBackendReadComplete() {
        Channel clientChannel = client.clientChannel();
        if (clientChannel.isWritable()) {
            IterationFlusher.flushLater(clientChannel);
        } else {
            // A body that filled the client's buffer goes now, so that writability (and reading) can come back.
            client.flushClient();
        }
        if (channel != null && clientChannel.isWritable()) {
            channel.read();
        }
    }

    @Override
    public void onBackendClosed() {
        if (finished) {
            return;
        }
        if (response == null && requestDone && bodyless && !staleRetried && BackendPool.wasPooled(channel)) {
            // The server closed an idle pooled connection as we reused it: resend once on a fresh one.
            staleRetried = true;
            channel = null;
            connect();
            return;
        }
        countResponseError();
        if (response == null) {
            fail(HttpResponseStatus.BAD_GATEWAY);
        } else {
            abort();
            client.abortExchange();
        }
    }

    /** {@code timeout server} passed without a server byte (the client's per-connection timer calls this). */
    void serverTimedOut() {
        if (finished) {
            return;
        }
        countResponseError();
        if (response == null) {
            fail(ErrorResponses.GATEWAY_TIMEOUT);
        } else {
            abort();
            client.abortExchange();
        }
    }

    @Override
    void fail(HttpResponseStatus status) {
        abort();
        client.failExchange(ErrorResponses.of(status));
    }

    /** Ends the exchange without a response: closes the server connection. */
    void abort() {
        if (finished) {
            return;
        }
        finished = true;
        serverTimer.stop();
        uncount();
        closeConnection();
    }
}
