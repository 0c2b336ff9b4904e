package io.mlbj.bench.load;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code serve} subcommand: a minimal keep-alive HTTP server with a fixed response, to measure the load
 * tool's own ceiling and to stand in for a backend in side-by-side runs.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve a fixed 200 response (keep-alive) until stopped; a target to calibrate the load tool.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    private String bind;

    @Option(names = {"-p", "--port"}, defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}; 0 = any).")
    private int port;

    @Option(names = "--body-size", defaultValue = "13", description = "Response body size (default: ${DEFAULT-VALUE}).")
    private int bodySize;

    @Option(names = "--server-id", description = "Value of an X-Server response header (default: none).")
    private String serverId;

    @Option(names = "--tls", description = "Serve HTTPS with a self-signed ECDSA certificate for localhost.")
    private boolean tls;

    @Option(names = {"-t", "--threads"}, defaultValue = "1", description = "Event loop threads (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Override
    public Integer call() throws Exception {
        SslContext ssl = null;
        if (tls) {
            ThrowawayCertificate cert = ThrowawayCertificate.generate("localhost");
            ssl = SslContextBuilder.forServer(cert.key(), cert.certificate())
                    .sslProvider(SslProvider.isAlpnSupported(SslProvider.OPENSSL) ? SslProvider.OPENSSL : SslProvider.JDK)
                    .build();
        }
        SslContext serverSsl = ssl;
        byte[] body = new byte[Math.max(0, bodySize)];
        Arrays.fill(body, (byte) 'x');
        ByteBuf content = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(body).asReadOnly());
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads,
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        Class<? extends ServerChannel> type = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        try {
            Channel server = new ServerBootstrap().group(group).channel(type)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            if (serverSsl != null) {
                                ch.pipeline().addLast(serverSsl.newHandler(ch.alloc()));
                            }
                            ch.pipeline().addLast(new HttpServerCodec(), new FixedResponder(content, serverId));
                        }
                    })
                    .bind(new InetSocketAddress(bind, port)).sync().channel();
            InetSocketAddress local = (InetSocketAddress) server.localAddress();
            System.out.println("serving " + (tls ? "https" : "http") + "://" + local.getHostString() + ":" + local.getPort() + "/ ("
                    + (epoll ? "epoll" : "nio") + ", " + threads + " thread(s)); stop with Ctrl-C");
            System.out.flush();
            server.closeFuture().sync();
            return 0;
        } finally {
            group.shutdownGracefully();
        }
    }

    /** Answers every request, once its body has been read, with the same response; flushes once per read batch. */
    static final class FixedResponder extends SimpleChannelInboundHandler<HttpObject> {
        private final ByteBuf content;
        private final String serverId;
        private boolean keepAlive;

        FixedResponder(ByteBuf content, String serverId) {
            this.content = content;
            this.serverId = serverId;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (msg instanceof HttpRequest request) {
                keepAlive = HttpUtil.isKeepAlive(request);
            }
            if (msg instanceof LastHttpContent) {
                FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                        content.duplicate());
                response.headers().set(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes())
                        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN);
                if (serverId != null) {
                    response.headers().set("X-Server", serverId);
                }
                if (keepAlive) {
                    ctx.write(response);
                } else {
                    response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                    ctx.writeAndFlush(response).addListener(f -> ctx.close());
                }
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
