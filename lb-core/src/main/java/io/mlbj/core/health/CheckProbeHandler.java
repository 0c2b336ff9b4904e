package io.mlbj.core.health;

import io.mlbj.core.proxy.PipelineNames;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;

/**
 * The only handler of a check connection (after the TLS handler of an {@code ssl} server): reports the
 * connection's events to its {@link CheckedServer}. One per server, shared by its successive check
 * connections (at most one is in flight; the server ignores events of older ones).
 */
@Sharable
final class CheckProbeHandler extends ChannelInboundHandlerAdapter {
    private final CheckedServer owner;

    CheckProbeHandler(CheckedServer owner) {
        this.owner = owner;
    }

    @Override
    public void channelRegistered(ChannelHandlerContext ctx) {
        if (owner.usesTls()) {
            try {
                ctx.pipeline().addBefore(ctx.name(), PipelineNames.TLS,
                        owner.tlsHandlers().newHandler(owner.server(), ctx.channel()));
            } catch (RuntimeException e) {
                owner.tlsUnavailable(ctx.channel(), e);
            }
        }
        ctx.fireChannelRegistered();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent e) {
            owner.tlsDone(ctx.channel(), e.isSuccess());
        }
        ReferenceCountUtil.release(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof ByteBuf data) {
                owner.received(ctx.channel(), data);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        owner.closed(ctx.channel());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        owner.failed(ctx.channel(), cause);
        ctx.close();
    }
}
