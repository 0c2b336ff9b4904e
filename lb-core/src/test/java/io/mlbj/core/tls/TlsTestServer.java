package io.mlbj.core.tls;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * A TLS server on 127.0.0.1, port 0, that installs a TLS handler under the name {@code tls} and
 * answers every chunk it receives with one line describing the connection:
 * {@code sni=<name|-> tls=<bool> handler=<class under "tls"> protocol=<TLS version> echo=<text>}.
 */
final class TlsTestServer implements AutoCloseable {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel channel;

    TlsTestServer(Function<SocketChannel, ChannelHandler> tlsHandler) throws InterruptedException {
        channel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("tls", tlsHandler.apply(ch));
                        ch.pipeline().addLast("report", new Reporter());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static final class Reporter extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            String text;
            try {
                text = in.toString(StandardCharsets.UTF_8).trim();
            } finally {
                in.release();
            }
            ChannelHandler tls = ctx.pipeline().get("tls");
            String sni = TlsChannelAttributes.sniHostName(ctx.channel());
            String protocol = tls instanceof SslHandler ssl ? ssl.engine().getSession().getProtocol() : "-";
            String line = "sni=" + (sni == null ? "-" : sni)
                    + " tls=" + TlsChannelAttributes.isTls(ctx.channel())
                    + " handler=" + (tls == null ? "-" : tls.getClass().getSimpleName())
                    + " protocol=" + protocol
                    + " echo=" + text + "\n";
            ctx.writeAndFlush(ctx.alloc().buffer().writeBytes(line.getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // Refused handshakes are expected in these tests; the client asserts them.
            ctx.close();
        }
    }
}
