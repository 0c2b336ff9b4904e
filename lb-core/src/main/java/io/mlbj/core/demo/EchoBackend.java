package io.mlbj.core.demo;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny HTTP server that answers with what it received and its own name (header {@code X-Backend-Name}
 * and the first body line). A request without a body gets a text description of itself; a request
 * with a body gets that body streamed back (chunked, with backpressure). {@code /status/N} answers
 * status N; {@code /ws} accepts a WebSocket and echoes its frames.
 */
public final class EchoBackend implements AutoCloseable {
    /** The response header carrying the backend's name. */
    public static final String NAME_HEADER = "X-Backend-Name";

    private final String name;
    private final MultiThreadIoEventLoopGroup group;
    private final Channel listener;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();

    private EchoBackend(String name, String host, int port) {
        this.name = requireNonNull(name, "name");
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("echo-" + name, true),
                NioIoHandler.newFactory());
        this.listener = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.incrementAndGet();
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpServerExpectContinueHandler(), new Echo());
                    }
                })
                .bind(host, port).syncUninterruptibly().channel();
    }

    /** Starts a backend called {@code name} on 127.0.0.1 and a free port. */
    public static EchoBackend start(String name) {
        return new EchoBackend(name, "127.0.0.1", 0);
    }

    /** The backend's name. */
    public String name() {
        return name;
    }

    /** The port it listens on. */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** TCP connections accepted so far. */
    public int connectionsAccepted() {
        return connections.get();
    }

    /** Requests received so far. */
    public int requestsReceived() {
        return requests.get();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Echo extends ChannelInboundHandlerAdapter {
        private boolean streaming;
        private boolean keepAlive;
        private WebSocketServerHandshaker ws;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof WebSocketFrame frame) {
                onFrame(ctx, frame);
            } else if (msg instanceof HttpRequest req) {
                requests.incrementAndGet();
                onRequest(ctx, req);
                if (msg instanceof HttpContent c) {
                    onContent(ctx, c);
                }
            } else if (msg instanceof HttpContent c) {
                onContent(ctx, c);
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        private void onRequest(ChannelHandlerContext ctx, HttpRequest req) {
            keepAlive = HttpUtil.isKeepAlive(req);
            if (req.uri().startsWith("/ws") && req.headers().containsValue(HttpHeaderNames.UPGRADE, "websocket", true)) {
                ws = new WebSocketServerHandshakerFactory("ws://" + req.headers().get(HttpHeaderNames.HOST) + req.uri(),
                        null, false).newHandshaker(req);
                ws.handshake(ctx.channel(), req);
                streaming = false;
                return;
            }
            if (req.uri().startsWith("/status/")) {
                int code = Integer.parseInt(req.uri().substring(8));
                FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(code));
                r.headers().set(NAME_HEADER, name);
                if (code != 204 && code != 304) {
                    r.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
                }
                write(ctx, r, req.method());
                streaming = false;
                return;
            }
            boolean hasBody = HttpUtil.isTransferEncodingChunked(req) || HttpUtil.getContentLength(req, 0L) > 0;
            if (hasBody) {
                HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                r.headers().set(NAME_HEADER, name)
                        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_OCTET_STREAM);
                HttpUtil.setTransferEncodingChunked(r, true);
                ctx.writeAndFlush(r);
                streaming = true;
                return;
            }
            StringBuilder text = new StringBuilder();
            text.append("backend ").append(name).append('\n');
            text.append(req.method()).append(' ').append(req.uri()).append(' ').append(req.protocolVersion()).append('\n');
            for (Map.Entry<String, String> h : req.headers()) {
                text.append(h.getKey()).append(": ").append(h.getValue()).append('\n');
            }
            byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.wrappedBuffer(body));
            r.headers().set(NAME_HEADER, name)
                    .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .set(HttpHeaderNames.CONTENT_LENGTH, body.length);
            if (req.method().equals(HttpMethod.HEAD)) {
                r = r.replace(Unpooled.EMPTY_BUFFER);
            }
            write(ctx, r, req.method());
            streaming = false;
        }

        private void write(ChannelHandlerContext ctx, FullHttpResponse r, HttpMethod method) {
            if (!keepAlive) {
                r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.writeAndFlush(r);
            }
        }

        private void onContent(ChannelHandlerContext ctx, HttpContent c) {
            if (!streaming) {
                c.release();
                return;
            }
            boolean last = c instanceof LastHttpContent;
            ByteBuf data = c.content().retain();
            c.release();
            if (last) {
                streaming = false;
                ctx.write(new io.netty.handler.codec.http.DefaultLastHttpContent(data));
                if (keepAlive) {
                    ctx.flush();
                } else {
                    ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                }
            } else {
                ctx.write(new io.netty.handler.codec.http.DefaultHttpContent(data));
            }
        }

        private void onFrame(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof CloseWebSocketFrame close) {
                ws.close(ctx.channel(), close);
            } else if (frame instanceof PingWebSocketFrame) {
                ctx.writeAndFlush(new PongWebSocketFrame(frame.content()));
            } else {
                ctx.writeAndFlush(frame);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            // Echo backpressure: stop reading the request while the response cannot be written.
            ctx.channel().config().setAutoRead(ctx.channel().isWritable());
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
