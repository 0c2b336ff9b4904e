package io.mlbj.core.proxy;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.pool.ServerHttpCodec;
import io.mlbj.core.routing.BindAddress;
import io.mlbj.core.routing.Frontend;
import io.mlbj.core.routing.ProxyMode;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;

/**
 * Builds the pipeline of a connection accepted on one bind address, in the order documented by
 * {@link PipelineNames}; the frontend in force at accept time decides TLS and HTTP or TCP mode. The
 * frontend's {@code maxconn} is applied before, on the listener, by {@link ConnectionLimits}.
 */
public final class FrontendChannelInitializer extends ChannelInitializer<SocketChannel> {
    /** The whole request head (request line and fields): HAProxy's {@code tune.bufsize - tune.maxrewrite}. */
    static final int MAX_HEAD_BYTES = 16_384 - 1_024;
    /** Header fields per request: HAProxy's {@code tune.http.maxhdr} (101) counts the request line too. */
    static final int MAX_HEADER_FIELDS = 100;
    // Netty's own limits sit above the scanner's so the scanner decides; they stay as a second line.
    private static final int NETTY_MAX_LINE = 16 * 1024;

    private final ForwardingContext context;
    private final BindAddress bind;
    private final FrontendTlsHandlers tls;
    private final ChannelGroup connections;

    /** An initializer for connections to {@code bind}; each is added to {@code connections} (for drain). */
    public FrontendChannelInitializer(ForwardingContext context, BindAddress bind, FrontendTlsHandlers tls,
            ChannelGroup connections) {
        this.context = requireNonNull(context, "context");
        this.bind = requireNonNull(bind, "bind");
        this.tls = requireNonNull(tls, "tls");
        this.connections = requireNonNull(connections, "connections");
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        Frontend fe = context.routes().current().frontend(bind);
        if (fe == null) {
            ch.close();
            return;
        }
        connections.add(ch);
        var p = ch.pipeline();
        if (fe.tls() != null) {
            p.addLast(PipelineNames.TLS, tls.newHandler(fe, ch));
        }
        p.addLast(PipelineNames.TRAFFIC, new FrontendTrafficHandler(context.traffic().frontend(fe.name())));
        if (fe.mode() == ProxyMode.HTTP) {
            if (HttpAccessLogHandler.wanted(context.accessLog(), fe)) {
                p.addLast(PipelineNames.ACCESS_LOG, new HttpAccessLogHandler(context.accessLog(), context, fe));
            }
            p.addLast(PipelineNames.CLIENT_TIMER, new ClientTimeouts());
            p.addLast(PipelineNames.HTTP_CODEC, new ClientHttpCodec(new HttpDecoderConfig()
                    .setMaxInitialLineLength(NETTY_MAX_LINE)
                    .setMaxHeaderSize(NETTY_MAX_LINE)
                    .setMaxChunkSize(ServerHttpCodec.MAX_BODY_SLICE)
                    .setValidateHeaders(true)
                    .setStrictLineParsing(true), MAX_HEAD_BYTES, MAX_HEADER_FIELDS));
            p.addLast(PipelineNames.HTTP_PROXY, new HttpProxyHandler(context, bind));
        } else {
            if (TcpAccessLogHandler.wanted(context.accessLog(), fe)) {
                p.addLast(PipelineNames.ACCESS_LOG, new TcpAccessLogHandler(context.accessLog(), context, fe));
            }
            p.addLast(PipelineNames.RELAY, new TcpFrontendHandler(context, bind));
        }
    }
}
