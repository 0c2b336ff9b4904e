package io.mlbj.core.proxy;

import io.mlbj.core.routing.Frontend;
import io.netty.channel.ChannelHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.AttributeKey;

/**
 * Makes the first handler of an accepted connection on a TLS frontend (an SSL or SNI handler);
 * installed under {@link PipelineNames#TLS}. The TLS package provides the real one.
 */
@FunctionalInterface
public interface FrontendTlsHandlers {
    /** Where a TLS handler records the SNI host name the client sent, read by {@code sni} fetches. */
    AttributeKey<String> SNI_HOST_NAME = AttributeKey.valueOf("mlbj.sniHostName");

    /** Without a TLS implementation: a TLS frontend cannot accept connections. */
    FrontendTlsHandlers NONE = (frontend, channel) -> {
        throw new IllegalStateException("frontend " + frontend.name() + ": TLS is configured but no TLS support is installed");
    };

    /** The handler for a new connection to a frontend whose {@code tls} is not null. */
    ChannelHandler newHandler(Frontend frontend, SocketChannel channel);
}
