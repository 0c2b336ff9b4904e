package io.mlbj.core.tls;

import io.netty.channel.Channel;
import io.netty.handler.ssl.AbstractSniHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;

/** What the TLS handlers of this package record on a client connection, for routing and logging. */
public final class TlsChannelAttributes {
    /**
     * The SNI host name the client sent (lower case), absent when it sent none; set before the
     * handshake starts. {@code AttributeKey.valueOf} returns one shared key per name, so any
     * package may declare the same key by the same name.
     */
    public static final AttributeKey<String> SNI_HOST_NAME = AttributeKey.valueOf("mlbj.sniHostName");

    private TlsChannelAttributes() {}

    /** The SNI host name of a connection, or null when the client sent none or it is not TLS. */
    public static String sniHostName(Channel channel) {
        return channel.attr(SNI_HOST_NAME).get();
    }

    /** Whether the connection is TLS (an SNI or SSL handler is in its pipeline). */
    public static boolean isTls(Channel channel) {
        return channel.pipeline().get(SslHandler.class) != null
                || channel.pipeline().get(AbstractSniHandler.class) != null;
    }
}
