package io.mlbj.core.pool;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a pooled HTTP backend connection: it hands everything to the exchange that
 * borrowed the connection, and closes the connection when it speaks while idle in the pool.
 */
public final class BackendHttpHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(BackendHttpHandler.class);

    // Touched only on the connection's event loop, which is also the borrowing client's: no volatile needed.
    private BackendExchange exchange;

    /** Routes the events of {@code channel} to {@code exchange} (null: the connection is idle). */
    public static void attach(Channel channel, BackendExchange exchange) {
        BackendHttpHandler h = channel.pipeline().get(BackendHttpHandler.class);
        if (h != null) {
            h.exchange = exchange;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        BackendExchange e = exchange;
        if (e == null) {
            // A pooled connection must be silent; anything it says means it cannot be reused.
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        if (msg instanceof HttpContent c && !(msg instanceof HttpResponse) && c.decoderResult().isFailure()) {
            // A broken body (e.g. an invalid chunk size) after the head was relayed: the only safe end is to close.
            c.release();
            ctx.close();
            return;
        }
        e.onBackendMessage(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        BackendExchange e = exchange;
        if (e != null) {
            e.onBackendReadComplete();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        BackendExchange e = exchange;
        exchange = null;
        if (e != null) {
            e.onBackendClosed();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        BackendExchange e = exchange;
        if (e != null) {
            e.onBackendWritabilityChanged(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("backend connection {} failed", ctx.channel(), cause);
        ctx.close();
    }
}
