package io.mlbj.bench.load;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import io.netty.util.NetUtil;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Builds each load connection's pipeline, in this order: {@value #TLS} (https only), {@value #DECODER}
 * (Netty's response decoder, no aggregation), {@value #READER} (hands the response to its user).
 * Requests are written as pre-encoded bytes, so there is no encoder.
 */
final class ClientPipeline extends ChannelInitializer<Channel> {

    /** Name of the TLS handler. */
    static final String TLS = "tls";
    /** Name of the HTTP response decoder. */
    static final String DECODER = "http-decoder";
    /** Name of the handler that reports responses to the virtual user. */
    static final String READER = "response-reader";
    /** The virtual user that opened the channel. */
    static final AttributeKey<VirtualUser> USER = AttributeKey.valueOf(VirtualUser.class, "user");

    private final SslContext sslContext;
    private final String host;
    private final int port;
    private final boolean headRequests;

    ClientPipeline(SslContext sslContext, String host, int port, boolean headRequests) {
        this.sslContext = sslContext;
        this.host = host;
        this.port = port;
        this.headRequests = headRequests;
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        if (sslContext != null) {
            p.addLast(TLS, newSslHandler(ch));
        }
        p.addLast(DECODER, headRequests ? new HeadResponseDecoder() : new HttpResponseDecoder());
        p.addLast(READER, new ResponseReader(ch.attr(USER).get()));
    }

    private SslHandler newSslHandler(Channel ch) {
        SslHandler handler = sslContext.newHandler(ch.alloc(), host, port);
        if (!NetUtil.isValidIpV4Address(host) && !NetUtil.isValidIpV6Address(host)) {
            // Engines send SNI only for names with a dot; set it explicitly so "localhost" and single-label
            // names are sent too (RFC 6066 forbids only IP literals).
            SSLEngine engine = handler.engine();
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(host)));
            engine.setSSLParameters(parameters);
        }
        return handler;
    }

    /** A response to HEAD has headers only, whatever its Content-Length says. */
    private static final class HeadResponseDecoder extends HttpResponseDecoder {
        @Override
        protected boolean isContentAlwaysEmpty(HttpMessage msg) {
            return true;
        }
    }
}
