package io.mlbj.core.tls;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLSession;

/**
 * An HTTPS server on 127.0.0.1, port 0 (JDK provider), answering every request with a text body:
 * {@code backend NAME}, the request line, {@code protocol=..}, {@code session=<hex id>}, {@code sni=<name|->}, then the
 * request headers; it records every TLS handshake in order.
 */
final class TlsHttpBackend implements AutoCloseable {
    private final String name;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel channel;
    private final List<Handshake> handshakes = new CopyOnWriteArrayList<>();

    /** One completed handshake: its session id (hex) and when its session was first created (ms). */
    record Handshake(String sessionId, long sessionCreated) {}

    /** A server presenting {@code leaf} (key and chain) with the given protocols. */
    TlsHttpBackend(String name, TestPki.Issued leaf, String... protocols) throws Exception {
        this.name = name;
        SslContext ssl = SslContextBuilder.forServer(leaf.key(), leaf.certificate())
                .sslProvider(SslProvider.JDK)
                .protocols(protocols.length == 0 ? new String[] {"TLSv1.3", "TLSv1.2"} : protocols)
                .build();
        channel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        SslHandler handler = ssl.newHandler(ch.alloc());
                        handler.handshakeFuture().addListener(f -> {
                            if (f.isSuccess()) {
                                SSLSession session = handler.engine().getSession();
                                handshakes.add(new Handshake(HexFormat.of().formatHex(session.getId()), session.getCreationTime()));
                            }
                        });
                        ch.pipeline().addLast(handler, new HttpServerCodec(), new HttpObjectAggregator(1 << 16),
                                new Answer(handler));
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Every completed handshake so far, in order (a resumed session keeps its creation time). */
    List<Handshake> handshakes() {
        return List.copyOf(handshakes);
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Answer extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final SslHandler ssl;

        Answer(SslHandler ssl) {
            this.ssl = ssl;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            SSLSession session = ssl.engine().getSession();
            String sni = "-";
            if (session instanceof ExtendedSSLSession ext) {
                for (var n : ext.getRequestedServerNames()) {
                    if (n instanceof SNIHostName h) {
                        sni = h.getAsciiName();
                    }
                }
            }
            StringBuilder text = new StringBuilder("backend " + name + "\n")
                    .append(req.method()).append(' ').append(req.uri()).append(' ').append(req.protocolVersion()).append('\n')
                    .append("protocol=").append(session.getProtocol()).append('\n')
                    .append("session=").append(HexFormat.of().formatHex(session.getId())).append('\n')
                    .append("sni=").append(sni).append('\n');
            for (Map.Entry<String, String> h : req.headers()) {
                text.append(h.getKey()).append(": ").append(h.getValue()).append('\n');
            }
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            HttpUtil.setKeepAlive(r, keepAlive);
            var f = ctx.writeAndFlush(r);
            if (!keepAlive) {
                f.addListener(io.netty.channel.ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // Refused handshakes (wrong CA on the proxy side) are expected; the proxy's answer is asserted.
            ctx.close();
        }
    }
}
