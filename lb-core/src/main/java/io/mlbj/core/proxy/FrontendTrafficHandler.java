package io.mlbj.core.proxy;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.admin.ProxyCounters;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Counts a client connection as one frontend session and the bytes it carries (after TLS, before
 * HTTP decoding) into its frontend's counters; passes everything on untouched.
 */
final class FrontendTrafficHandler extends ChannelDuplexHandler {
    private final ProxyCounters counters;
    private boolean open;

    FrontendTrafficHandler(ProxyCounters counters) {
        this.counters = requireNonNull(counters, "counters");
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        open = true;
        counters.sessionOpened(EventClock.now());
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (open) {
            open = false;
            counters.sessionClosed();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        counters.bytesIn(size(msg));
        // The first handler after the socket and TLS: what this buffer sets off is timed as of its arrival.
        EventClock clock = EventClock.current();
        clock.enter();
        try {
            ctx.fireChannelRead(msg);
        } finally {
            clock.exit();
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        counters.bytesOut(size(msg));
        ctx.write(msg, promise);
    }

    private static int size(Object msg) {
        if (msg instanceof ByteBuf b) {
            return b.readableBytes();
        }
        return msg instanceof ByteBufHolder h ? h.content().readableBytes() : 0;
    }
}
