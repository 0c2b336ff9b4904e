package io.mlbj.marathon.emulator;

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
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Launches each task as real HTTP echo servers on 127.0.0.1, one per port, bound to port 0; each
 * answers every request with the task id, the port and the request's method, URI and headers, so
 * a client can see which backend served it.
 */
public final class HttpEchoTaskLauncher implements TaskLauncher, AutoCloseable {
    private final EchoServers servers = new EchoServers();

    @Override
    public LaunchedTask launch(String appId, String taskId, int portCount) {
        return servers.start(taskId, portCount, ch -> ch.pipeline().addLast(new HttpServerCodec(),
                new HttpObjectAggregator(1 << 20), new EchoHandler(taskId)));
    }

    @Override
    public void kill(String taskId) {
        servers.kill(taskId);
    }

    /** Closes every server and the event loop. */
    @Override
    public void close() {
        servers.close();
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
