package io.mlbj.core.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A backend that records every byte it receives and every complete request (method, target, body), and
 * answers each complete request with {@code 200 ok}: the witness of what a proxy let through.
 */
public final class RecordingBackend implements AutoCloseable {
    /** One complete request as the backend parsed it. */
    public record Received(String method, String uri, String body) {}

    private final MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel listener;
    private final StringBuffer raw = new StringBuffer();
    private final List<Received> requests = new CopyOnWriteArrayList<>();

    public RecordingBackend() {
        listener = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                raw.append(((ByteBuf) msg).toString(StandardCharsets.ISO_8859_1));
                                ctx.fireChannelRead(msg);
                            }
                        });
                        ch.pipeline().addLast(new HttpServerCodec(new HttpDecoderConfig()
                                .setMaxInitialLineLength(64 * 1024).setMaxHeaderSize(64 * 1024)));
                        ch.pipeline().addLast(new HttpObjectAggregator(1 << 20));
                        ch.pipeline().addLast(new SimpleChannelInboundHandler<FullHttpRequest>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest r) {
                                if (r.decoderResult().isFailure()) {
                                    ctx.close();
                                    return;
                                }
                                requests.add(new Received(r.method().name(), r.uri(),
                                        r.content().toString(StandardCharsets.ISO_8859_1)));
                                FullHttpResponse ok = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                                        Unpooled.copiedBuffer("ok", StandardCharsets.US_ASCII));
                                HttpUtil.setContentLength(ok, 2);
                                HttpUtil.setKeepAlive(ok, HttpUtil.isKeepAlive(r));
                                ok.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
                                ctx.writeAndFlush(ok);
                            }
                        });
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** Every byte received so far, as ISO-8859-1 text. */
    public String rawReceived() {
        return raw.toString();
    }

    /** Complete requests received so far. */
    public List<Received> requests() {
        return List.copyOf(requests);
    }

    /** Forgets what was received. */
    public void clear() {
        raw.setLength(0);
        requests.clear();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
