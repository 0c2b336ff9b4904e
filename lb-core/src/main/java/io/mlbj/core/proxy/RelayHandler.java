package io.mlbj.core.proxy;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One direction of a byte relay (TCP mode, and HTTP after a 101): what its channel reads is written
 * to the peer, flushed at the end of each read batch; it reads again only while the peer is writable,
 * and when its own channel drains it lets the peer read again.
 */
public final class RelayHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(RelayHandler.class);

    // Both channels share one event loop, so this field needs no volatile.
    private Channel peer;

    /** A relay toward {@code peer}; null when the peer is not connected yet (see {@link #setPeer}). */
    public RelayHandler(Channel peer) {
        this.peer = peer;
    }

    /** Sets the peer once it is connected. */
    public void setPeer(Channel peer) {
        this.peer = peer;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (peer == null || !peer.isActive()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        peer.write(msg, peer.voidPromise());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (peer == null) {
            return;
        }
        peer.flush();
        if (peer.isWritable()) {
            readUnlessShut(ctx.channel());
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && peer != null) {
            readUnlessShut(peer);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closeOnFlush(peer);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
            closeOnFlush(peer);
        } else if (evt instanceof ChannelInputShutdownEvent) {
            // TCP half-close: the peer gets our EOF once what we relayed is flushed, and may still answer.
            Channel p = peer;
            if (p instanceof DuplexChannel d && p.isActive()) {
                p.writeAndFlush(Unpooled.EMPTY_BUFFER)
                        .addListener(f -> d.shutdownOutput().addListener(x -> closeIfBothShut(p)));
            } else {
                closeOnFlush(p);
            }
            closeIfBothShut(ctx.channel());
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("relay {} failed", ctx.channel(), cause);
        ctx.close();
    }

    /** Asks {@code ch} for more input unless its input side is already shut (reading it then fails on epoll). */
    public static void readUnlessShut(Channel ch) {
        if (ch.isActive() && !(ch instanceof DuplexChannel d && d.isInputShutdown())) {
            ch.read();
        }
    }

    private static void closeIfBothShut(Channel ch) {
        if (ch instanceof DuplexChannel d && d.isInputShutdown() && d.isOutputShutdown()) {
            ch.close();
        }
    }

    /** Closes {@code ch} once what was written to it is flushed. */
    public static void closeOnFlush(Channel ch) {
        if (ch != null && ch.isActive()) {
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
