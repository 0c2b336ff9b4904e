package io.mlbj.core.proxy;

import io.mlbj.core.admin.BackendCounters;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.Channel;
import java.util.concurrent.TimeUnit;

/** What both access-log handlers read from a connection, a message or the counters, in the same way. */
final class AccessLogReadings {
    private AccessLogReadings() {}

    /** Whole milliseconds of {@code nanos}, never negative. */
    static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(Math.max(0, nanos));
    }

    /** The bytes a read or written message carries. */
    static long size(Object msg) {
        if (msg instanceof ByteBuf b) {
            return b.readableBytes();
        }
        return msg instanceof ByteBufHolder h ? h.content().readableBytes() : 0;
    }

    /** The client's address as logged ({@code %ci}). */
    static String clientIp(Channel channel) {
        String text = NettyRequestView.clientAddressText(channel);
        return text != null ? text : String.valueOf(channel.remoteAddress());
    }

    /** The sessions {@code backend} holds now ({@code %bc}), 0 when it counted none yet. */
    static int backendSessions(ForwardingContext context, String backend) {
        BackendCounters c = context.traffic().existingBackend(backend);
        return c == null ? 0 : (int) c.totals().sessionsCurrent();
    }
}
