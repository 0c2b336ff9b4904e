package io.mlbj.core.tls;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.Mapping;
import io.netty.util.ReferenceCountUtil;

/**
 * Netty's {@link SniHandler} that also records the SNI host name on the channel and leaves its
 * {@link SslHandler} under its own pipeline name, so the name the proxy installed it under keeps
 * pointing at the TLS handler.
 */
final class SniRecordingHandler extends SniHandler {

    SniRecordingHandler(Mapping<? super String, ? extends SslContext> mapping, long handshakeTimeoutMillis) {
        super(mapping, handshakeTimeoutMillis);
    }

    @Override
    protected void replaceHandler(ChannelHandlerContext ctx, String hostname, SslContext sslContext) {
        if (hostname != null) {
            ctx.channel().attr(TlsChannelAttributes.SNI_HOST_NAME).set(hostname);
        }
        SslHandler sslHandler = newSslHandler(sslContext, ctx.alloc());
        try {
            ctx.pipeline().replace(this, ctx.name(), sslHandler);
            sslHandler = null;
        } finally {
            if (sslHandler != null) {
                ReferenceCountUtil.safeRelease(sslHandler.engine());
            }
        }
    }
}
