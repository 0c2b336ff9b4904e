package io.mlbj.bench.load;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;

/** Last handler of a load connection: passes response heads, body sizes and failures to the virtual user. */
final class ResponseReader extends SimpleChannelInboundHandler<HttpObject> {

    private final VirtualUser user;

    ResponseReader(VirtualUser user) {
        this.user = user;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
        if (msg.decoderResult().isFailure()) {
            user.onFailure(ctx.channel(), msg.decoderResult().cause());
            return;
        }
        if (msg instanceof HttpResponse response) {
            user.onResponseHead(ctx.channel(), response);
        }
        if (msg instanceof HttpContent content) {
            user.onContent(ctx.channel(), content.content().readableBytes(), msg instanceof LastHttpContent);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        user.onClosed(ctx.channel());
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        user.onFailure(ctx.channel(), cause);
    }
}
