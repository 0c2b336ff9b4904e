package io.mlbj.marathon.emulator;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
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
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Launches each task as real HTTP echo servers on 127.0.0.1, one per port, bound to port 0; each
 * answers every request with the task id, the port and the request's method, URI and headers, so
 * a client can see which backend served it.
 */
public final class HttpEchoTaskLauncher implements TaskLauncher, AutoCloseable {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Map<String, ChannelGroup> servers = new ConcurrentHashMap<>();

    @Override
    public LaunchedTask launch(String appId, String taskId, int portCount) {
        // the server sockets and their accepted connections: a killed task drops both
        ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < portCount; i++) {
            Channel channel = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            channels.add(ch);
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                                    new EchoHandler(taskId));
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

    /** Closes every server and the event loop. */
    @Override
    public void close() {
        List.copyOf(servers.keySet()).forEach(this::kill);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static final class EchoHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final String taskId;

        EchoHandler(String taskId) {
            this.taskId = taskId;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            StringBuilder body = new StringBuilder();
            body.append("task ").append(taskId).append(" port ")
                    .append(((InetSocketAddress) ctx.channel().localAddress()).getPort()).append('\n');
            body.append(request.method()).append(' ').append(request.uri()).append('\n');
            request.headers().forEach(h -> body.append(h.getKey()).append(": ").append(h.getValue()).append('\n'));
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            response.headers().set("X-Task-Id", taskId);
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
