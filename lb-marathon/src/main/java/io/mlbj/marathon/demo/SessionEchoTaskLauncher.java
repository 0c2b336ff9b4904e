package io.mlbj.marathon.demo;

import static java.util.Objects.requireNonNull;

import io.mlbj.marathon.emulator.EchoServers;
import io.mlbj.marathon.emulator.LaunchedTask;
import io.mlbj.marathon.emulator.TaskLauncher;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
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
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tasks that behave like a servlet container behind marathon-lb: HTTPS (or HTTP) servers on 127.0.0.1 that
 * give a new client a {@code JSESSIONID} cookie, remember the sessions they issued, and answer with the
 * task id, whether the session was known, and the request line.
 */
public final class SessionEchoTaskLauncher implements TaskLauncher, AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SslContext tls;
    private final EchoServers servers = new EchoServers();

    /** A launcher whose tasks speak TLS with {@code tls}, or plain HTTP when it is null. */
    public SessionEchoTaskLauncher(SslContext tls) {
        this.tls = tls;
    }

    @Override
    public LaunchedTask launch(String appId, String taskId, int portCount) {
        Set<String> sessions = ConcurrentHashMap.newKeySet();
        return servers.start(taskId, portCount, ch -> {
            if (tls != null) {
                ch.pipeline().addLast(tls.newHandler(ch.alloc()));
            }
            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                    new SessionEchoHandler(taskId, sessions));
        });
    }

    @Override
    public void kill(String taskId) {
        servers.kill(taskId);
    }

    /** Stops every task and the event loop. */
    @Override
    public void close() {
        servers.close();
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
