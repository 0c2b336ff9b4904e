package io.mlbj.marathon.demo;

import static java.util.Objects.requireNonNull;

import io.mlbj.marathon.emulator.LaunchedTask;
import io.mlbj.marathon.emulator.TaskLauncher;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
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
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Tasks that behave like a servlet container behind marathon-lb: HTTPS (or HTTP) servers on 127.0.0.1 that
 * give a new client a {@code JSESSIONID} cookie, remember the sessions they issued, and answer with the
 * task id, whether the session was known, and the request line.
 */
public final class SessionEchoTaskLauncher implements TaskLauncher, AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SslContext tls;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Map<String, ChannelGroup> servers = new ConcurrentHashMap<>();

    /** A launcher whose tasks speak TLS with {@code tls}, or plain HTTP when it is null. */
    public SessionEchoTaskLauncher(SslContext tls) {
        this.tls = tls;
    }

    @Override
    public LaunchedTask launch(String appId, String taskId, int portCount) {
        ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        Set<String> sessions = ConcurrentHashMap.newKeySet();
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < portCount; i++) {
            Channel channel = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            channels.add(ch);
                            if (tls != null) {
                                ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                            }
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                                    new SessionEchoHandler(taskId, sessions));
                        }
                    })
                    .bind("127.0.0.1", 0).syncUninterruptibly().channel();
            channels.add(channel);
            ports.add(((InetSocketAddress) channel.localAddress()).getPort());
        }
        servers.put(taskId, channels);
        return new LaunchedTask("127.0.0.1", ports, "127.0.0.1");
    }

    @Override
    public void kill(String taskId) {
        ChannelGroup channels = servers.remove(taskId);
        if (channels != null) {
            channels.close().awaitUninterruptibly();
        }
    }

    /** Stops every task and the event loop. */
    @Override
    public void close() {
        List.copyOf(servers.keySet()).forEach(this::kill);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static final class SessionEchoHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final String taskId;
        private final Set<String> sessions;

        SessionEchoHandler(String taskId, Set<String> sessions) {
            this.taskId = requireNonNull(taskId, "taskId");
            this.sessions = sessions;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            String session = null;
            String cookieHeader = request.headers().get(HttpHeaderNames.COOKIE);
            if (cookieHeader != null) {
                for (Cookie c : ServerCookieDecoder.LAX.decode(cookieHeader)) {
                    if (c.name().equals("JSESSIONID")) {
                        session = c.value();
                    }
                }
            }
            boolean known = session != null && sessions.contains(session);
            String setCookie = null;
            if (!known) {
                // like Tomcat: an unknown or missing session gets a new id
                session = HexFormat.of().withUpperCase().formatHex(RANDOM.generateSeed(16));
                sessions.add(session);
                DefaultCookie cookie = new DefaultCookie("JSESSIONID", session);
                cookie.setPath("/");
                cookie.setHttpOnly(true);
                setCookie = ServerCookieEncoder.STRICT.encode(cookie);
            }
            String body = "task " + taskId + "\nsession " + session + (known ? " (continued)" : " (new)") + "\n"
                    + request.method() + " " + request.uri() + "\n";
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            response.headers().set("X-Task-Id", taskId);
            if (setCookie != null) {
                response.headers().set(HttpHeaderNames.SET_COOKIE, setCookie);
            }
            HttpUtil.setContentLength(response, response.content().readableBytes());
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            HttpUtil.setKeepAlive(response, keepAlive);
            if (keepAlive) {
                ctx.writeAndFlush(response);
            } else {
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
