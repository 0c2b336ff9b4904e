package io.mlbj.core.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * The intake of a client connection that takes one request at a time. Decoded messages it is not ready
 * for (the next pipelined request, body parts while the server connection is not up or not writable)
 * wait in a small queue; the socket is read again only when that queue is empty and more input is
 * wanted, so the queue holds at most one read's worth. {@link HttpProxyHandler}, the only subclass,
 * moves between the states and handles the requests and body parts handed to it.
 */
abstract class ClientRequestQueue extends ChannelInboundHandlerAdapter {
    enum State { AWAIT_HEAD, FORWARDING, DISCARDING, CLOSED }

    // Every field below is touched on this channel's event loop only (backends share it).
    ChannelHandlerContext ctx;
    State state = State.AWAIT_HEAD;
    ServerExchange exchange;
    private final ArrayDeque<Object> inbound = new ArrayDeque<>();
    private boolean inDrain;

    /** A request head, taken only while awaiting one. */
    abstract void startRequest(HttpRequest request);

    /** A part of the current request's body. */
    abstract void onRequestContent(HttpContent content);

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public final void channelRead(ChannelHandlerContext ctx, Object msg) {
        inbound.add(msg);
        drain();
    }

    /** Processes queued messages while the handler is ready for them. */
    private void drain() {
        if (inDrain) {
            return;
        }
        inDrain = true;
        try {
            while (!inbound.isEmpty() && readyFor(inbound.peek())) {
                Object msg = inbound.poll();
                if (msg instanceof HttpRequest request) {
                    startRequest(request);
                } else if (msg instanceof HttpContent content) {
                    onRequestContent(content);
                } else {
                    ReferenceCountUtil.release(msg);
                }
            }
        } finally {
            inDrain = false;
        }
    }

    private boolean readyFor(Object msg) {
        return switch (state) {
            case AWAIT_HEAD -> true;
            case DISCARDING, CLOSED -> !(msg instanceof HttpRequest);
            case FORWARDING -> !(msg instanceof HttpRequest) && exchange != null && exchange.acceptsRequestContent();
        };
    }

    private boolean wantsInput() {
        return switch (state) {
            case AWAIT_HEAD, DISCARDING -> true;
            case FORWARDING -> exchange != null && exchange.acceptsRequestContent() && !exchange.requestDone();
            case CLOSED -> false;
        };
    }

    /** Continues after the handler became ready again: processes what waits, then reads if more is wanted. */
    final void resume() {
        drain();
        flushAndReadIfWanted();
    }

    @Override
    public final void channelReadComplete(ChannelHandlerContext ctx) {
        flushAndReadIfWanted();
    }

    // What the server was sent goes out; the socket is read again only once the queue is empty.
    private void flushAndReadIfWanted() {
        if (exchange != null) {
            exchange.flushServer();
        }
        if (inbound.isEmpty() && wantsInput()) {
            RelayHandler.readUnlessShut(ctx.channel());
        }
    }

    /** Closes the connection if it is between requests with nothing queued, so closing cuts nothing short. */
    final void closeIfIdle() {
        if (state == State.AWAIT_HEAD && inbound.isEmpty()) {
            state = State.CLOSED;
            ctx.close();
        }
    }

    final void releaseQueued() {
        Object msg;
        while ((msg = inbound.poll()) != null) {
            ReferenceCountUtil.release(msg);
        }
    }
}
