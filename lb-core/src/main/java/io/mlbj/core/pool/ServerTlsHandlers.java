package io.mlbj.core.pool;

import io.mlbj.core.routing.Server;
import io.netty.channel.ChannelHandler;
import io.netty.channel.Channel;

/**
 * Makes the TLS client handler (an {@code SslHandler}) for a connection to a server whose {@code tls}
 * is not null; installed first in the backend pipeline under {@code PipelineNames.TLS}.
 */
@FunctionalInterface
public interface ServerTlsHandlers {
    /** Without a TLS implementation: connecting to a TLS server fails. */
    ServerTlsHandlers NONE = (server, channel) -> {
        throw new IllegalStateException("server " + server.name() + ": ssl is configured but no TLS support is installed");
    };

    /** The handler for a new connection to {@code server}. */
    ChannelHandler newHandler(Server server, Channel channel);
}
