package io.mlbj.core.proxy;

import io.mlbj.core.pool.ServerHttpCodec;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * The switch after a 101 (Switching Protocols): on both connections the HTTP handlers give way to a
 * byte relay toward the other, closed after {@code timeout tunnel} without traffic.
 */
final class ProtocolSwitch {
    private ProtocolSwitch() {}

    /** The server connection: its codec stops decoding, its exchange handler becomes a relay to {@code client}. */
    static void serverSide(Channel server, Channel client, long tunnelMs) {
        var p = server.pipeline();
        ((ServerHttpCodec) p.get(PipelineNames.HTTP_CODEC)).prepareUpgradeFrom(p.context(PipelineNames.HTTP_CODEC));
        p.addBefore(PipelineNames.BACKEND, PipelineNames.IDLE, new IdleStateHandler(0, 0, tunnelMs, TimeUnit.MILLISECONDS));
        p.replace(PipelineNames.BACKEND, PipelineNames.RELAY, new RelayHandler(client));
    }

    /** The client connection: its timeouts, {@code proxy} and codec give way to a relay to {@code server}. */
    static void clientSide(ChannelPipeline p, ChannelHandler proxy, Channel server, long tunnelMs) {
        p.remove(PipelineNames.CLIENT_TIMER);
        p.addBefore(PipelineNames.HTTP_PROXY, PipelineNames.IDLE, new IdleStateHandler(0, 0, tunnelMs, TimeUnit.MILLISECONDS));
        p.replace(proxy, PipelineNames.RELAY, new RelayHandler(server));
        // Removing the codec hands any bytes it already buffered to the relay.
        ((ClientHttpCodec) p.get(PipelineNames.HTTP_CODEC)).upgradeFrom(p.context(PipelineNames.HTTP_CODEC));
    }
}
