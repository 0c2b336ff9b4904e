package io.mlbj.bench.load;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
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
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import io.netty.util.Mapping;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP(S) server on 127.0.0.1, port 0, whose answers a test scripts per request. */
final class ScriptedHttpServer implements AutoCloseable {

    /** What the server answers; {@code delayMillis} > 0 holds the response back. */
    record Reply(int status, Map<String, String> headers, String body, long delayMillis) {
        /** Close the connection instead of answering. */
        static final Reply CLOSE = new Reply(-1, Map.of(), "", 0);
        /** Reset the connection (RST) instead of answering. */
        static final Reply RESET = new Reply(-2, Map.of(), "", 0);

        static Reply ok(String body) {
            return new Reply(200, Map.of(), body, 0);
        }

        Reply withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Reply(status, h, body, delayMillis);
        }
    }

    /** Computes the reply to the request with sequence number {@code index} (0-based) on {@code connection}. */
    interface Script {
        Reply reply(FullHttpRequest request, int index, int connection);
    }

    /** What the server saw of one request. */
    record Seen(String method, String uri, String host, int connection, String cookieHeader, int bodyBytes) {
    }

    private static final AttributeKey<Integer> CONNECTION = AttributeKey.valueOf("test-connection");

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final List<String> sniHostnames = new CopyOnWriteArrayList<>();
    private final List<String> alpnProtocols = new CopyOnWriteArrayList<>();
    private final Channel server;

    ScriptedHttpServer(Script script) throws InterruptedException {
        this(script, null);
    }

    ScriptedHttpServer(Script script, SslContext ssl) throws InterruptedException {
        Mapping<String, SslContext> sni = hostname -> {
            if (hostname != null) {
                sniHostnames.add(hostname);
            }
            return ssl;
        };
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.attr(CONNECTION).set(connections.getAndIncrement());
                        if (ssl != null) {
                            ch.pipeline().addLast(new SniHandler(sni));
                        }
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                                new Responder(script));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    int requests() {
        return requests.get();
    }

    int connections() {
        return connections.get();
    }

    List<Seen> seen() {
        return seen;
    }

    List<String> sniHostnames() {
        return sniHostnames;
    }

    /** The ALPN protocol negotiated for each TLS request (null when none was). */
    List<String> alpnProtocols() {
        return alpnProtocols;
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Responder extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final Script script;

        Responder(Script script) {
            this.script = script;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            int index = requests.getAndIncrement();
            int connection = ctx.channel().attr(CONNECTION).get();
            seen.add(new Seen(request.method().name(), request.uri(), request.headers().get(HttpHeaderNames.HOST), connection,
                    request.headers().get(HttpHeaderNames.COOKIE), request.content().readableBytes()));
            SslHandler tls = ctx.pipeline().get(SslHandler.class);
            if (tls != null) {
                alpnProtocols.add(String.valueOf(tls.applicationProtocol()));
            }
            Reply reply = script.reply(request, index, connection);
            if (reply == null) {
                return; // never answer
            }
            if (reply == Reply.CLOSE) {
                ctx.close();
                return;
            }
            if (reply == Reply.RESET) {
                ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
                ctx.close();
                return;
            }
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(reply.status()),
                    Unpooled.copiedBuffer(reply.body(), StandardCharsets.UTF_8));
            HttpUtil.setContentLength(response, response.content().readableBytes());
            reply.headers().forEach((name, value) -> response.headers().add(name, value));
            HttpUtil.setKeepAlive(response, keepAlive);
            Runnable send = () -> {
                if (keepAlive) {
                    ctx.writeAndFlush(response);
                } else {
                    ctx.writeAndFlush(response).addListener(f -> ctx.close());
                }
            };
            if (reply.delayMillis() > 0) {
                ctx.executor().schedule(send, reply.delayMillis(), TimeUnit.MILLISECONDS);
            } else {
                send.run();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
