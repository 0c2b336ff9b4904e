package io.mlbj.core.pool;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.proxy.DeadlineTimer;
import io.mlbj.core.proxy.EventClock;
import io.mlbj.core.proxy.PipelineNames;
import io.mlbj.core.routing.Server;
import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.ReflectiveChannelFactory;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The backend connections of one event loop: idle HTTP connections per server, reused LIFO, and new
 * connections made on this loop so their handlers share the client's thread. Confined to its loop.
 */
public final class BackendPool {
    /** How long an idle pooled connection is kept (HAProxy's {@code pool-purge-delay} default). */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(5);
    private static final long IDLE_TIMEOUT_NANOS = IDLE_TIMEOUT.toNanos();
    /** Write-buffer watermarks of every proxied connection: above 64 KiB pending, the peer stops reading. */
    public static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(32 * 1024, 64 * 1024);

    // Set on a connection's first return to the pool and kept: re-armed on every return, disarmed on reuse.
    private static final AttributeKey<DeadlineTimer> IDLE_TIMER = AttributeKey.valueOf("mlbj.poolIdleTimer");

    private final EventLoop loop;
    private final ChannelFactory<? extends SocketChannel> channelFactory;
    private final ServerTlsHandlers tls;
    private final ServerAddressResolver addresses;
    // Confined to `loop` (asserted), hence plain collections.
    private final Map<Server, ArrayDeque<Channel>> idle = new HashMap<>();

    BackendPool(EventLoop loop, Class<? extends SocketChannel> channelType, ServerTlsHandlers tls,
            ServerAddressResolver addresses) {
        this.loop = requireNonNull(loop, "loop");
        this.channelFactory = new ReflectiveChannelFactory<>(requireNonNull(channelType, "channelType"));
        this.tls = requireNonNull(tls, "tls");
        this.addresses = requireNonNull(addresses, "addresses");
    }

    /** The loop this pool belongs to. */
    public EventLoop eventLoop() {
        return loop;
    }

    /** An idle HTTP connection to {@code server}, or a new one; the future completes on this loop. */
    public Future<Channel> acquireHttp(Server server, Duration connectTimeout) {
        Channel pooled = pollIdle(server);
        if (pooled != null) {
            return loop.newSucceededFuture(pooled);
        }
        return connectHttp(server, connectTimeout);
    }

    /** The most recently returned idle HTTP connection to {@code server} that is still open, or null. */
    public Channel pollIdle(Server server) {
        assert loop.inEventLoop() : Thread.currentThread().getName();
        ArrayDeque<Channel> q = idle.get(server);
        while (q != null && !q.isEmpty()) {
            Channel ch = q.pollLast();
            DeadlineTimer timer = ch.attr(IDLE_TIMER).get();
            if (timer != null) {
                timer.disarm();
            }
            if (ch.isActive()) {
                return ch;
            }
        }
        return null;
    }

    /** A new HTTP connection to {@code server}; the future completes on this loop. */
    public Future<Channel> connectHttp(Server server, Duration connectTimeout) {
        assert loop.inEventLoop() : Thread.currentThread().getName();
        ChannelFuture cf = connect(server, connectTimeout, () -> new ServerHttpCodec(
                new HttpDecoderConfig().setMaxInitialLineLength(16 * 1024).setMaxHeaderSize(16 * 1024)
                        .setMaxChunkSize(ServerHttpCodec.MAX_BODY_SLICE)
                        .setValidateHeaders(true).setStrictLineParsing(true)),
                () -> new BackendHttpHandler());
        Promise<Channel> p = loop.newPromise();
        cf.addListener(f -> {
            if (f.isSuccess()) {
                p.setSuccess(cf.channel());
            } else {
                p.setFailure(f.cause());
            }
        });
        return p;
    }

    /** Whether {@code ch} was taken from the pool rather than connected for this request. */
    public static boolean wasPooled(Channel ch) {
        return ch.hasAttr(IDLE_TIMER);
    }

    /** Returns a healthy HTTP connection to the pool, or closes it when it is no longer active. */
    public void release(Server server, Channel ch) {
        assert loop.inEventLoop() : Thread.currentThread().getName();
        BackendHttpHandler.attach(ch, null);
        if (!ch.isActive() || ch.eventLoop() != loop) {
            ch.close();
            return;
        }
        idle.computeIfAbsent(server, s -> new ArrayDeque<>()).addLast(ch);
        DeadlineTimer timer = ch.attr(IDLE_TIMER).get();
        if (timer == null) {
            timer = new DeadlineTimer(loop, ch::close);
            ch.attr(IDLE_TIMER).set(timer);
        }
        timer.arm(EventClock.now() + IDLE_TIMEOUT_NANOS);
        // Keep one read pending so the pool learns at once when the server closes the idle connection.
        ch.read();
    }

    /** A new raw connection to {@code server} (TCP mode) whose pipeline ends with {@code relay}. */
    public ChannelFuture connectTcp(Server server, Duration connectTimeout, ChannelHandler relay) {
        return connect(server, connectTimeout, null, () -> relay);
    }

    /** Closes idle connections to servers that are not in {@code keep} (after a routing swap). */
    public void retainOnly(Set<Server> keep) {
        assert loop.inEventLoop() : Thread.currentThread().getName();
        java.util.List<Channel> doomed = new java.util.ArrayList<>();
        idle.entrySet().removeIf(e -> {
            if (keep.contains(e.getKey())) {
                return false;
            }
            doomed.addAll(e.getValue());
            return true;
        });
        // Closed after the sweep: closing runs removeIdle, which must not touch the map mid-iteration.
        doomed.forEach(Channel::close);
    }

    /** Closes every idle connection. */
    public void closeIdle() {
        retainOnly(Set.of());
    }

    /** Idle connections to {@code server} (for tests and the stats page). */
    public int idleCount(Server server) {
        ArrayDeque<Channel> q = idle.get(server);
        return q == null ? 0 : q.size();
    }

    // No Bootstrap: it would copy its option and attribute maps into every connection and resolve host
    // names on this loop (blocking it for the lookup); the channel is made and configured here instead.
    private ChannelFuture connect(Server server, Duration connectTimeout, Supplier<ChannelHandler> codec,
            Supplier<ChannelHandler> last) {
        Channel ch = channelFactory.newChannel();
        ChannelConfig config = ch.config();
        config.setAutoRead(false);
        config.setOption(ChannelOption.ALLOW_HALF_CLOSURE, codec == null);
        config.setOption(ChannelOption.TCP_NODELAY, true);
        config.setWriteBufferWaterMark(WATER_MARK);
        config.setConnectTimeoutMillis((int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
        if (server.tls() != null) {
            ch.pipeline().addLast(PipelineNames.TLS, tls.newHandler(server, ch));
        }
        if (codec != null) {
            ch.pipeline().addLast(PipelineNames.HTTP_CODEC, codec.get());
            ch.pipeline().addLast(PipelineNames.BACKEND, last.get());
        } else {
            ch.pipeline().addLast(PipelineNames.RELAY, last.get());
        }
        ChannelPromise f = ch.newPromise();
        // As Bootstrap does: a connection that failed is closed (its descriptor freed) before anyone hears of it.
        f.addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        loop.register(ch).addListener(registered -> {
            if (!registered.isSuccess()) {
                ch.unsafe().closeForcibly();
                f.tryFailure(registered.cause());
                return;
            }
            addresses.resolve(server.host(), server.port(), loop).addListener(resolved -> {
                if (resolved.isSuccess()) {
                    // Later, as Bootstrap does: callers add their listeners before any outcome is known, so a
                    // refused connect never answers inside the caller's own event (e.g. channelActive).
                    loop.execute(() -> ch.connect((InetSocketAddress) resolved.getNow(), f));
                } else {
                    f.tryFailure(resolved.cause());
                    ch.close();
                }
            });
        });
        if (codec != null) {
            ch.closeFuture().addListener(c -> removeIdle(server, ch));
        }
        return server.tls() == null ? f : afterHandshake(f);
    }

    // A server whose TLS handshake fails is a failed connection (retried, redispatched, then 503, as
    // HAProxy does), not a server that answered badly (502).
    private static ChannelFuture afterHandshake(ChannelFuture connected) {
        Channel ch = connected.channel();
        ChannelPromise ready = ch.newPromise();
        connected.addListener(c -> {
            if (!c.isSuccess()) {
                ready.tryFailure(c.cause());
                return;
            }
            SslHandler ssl = ch.pipeline().get(SslHandler.class);
            if (ssl == null) {
                ready.trySuccess();
                return;
            }
            ssl.handshakeFuture().addListener(h -> {
                if (h.isSuccess()) {
                    ready.trySuccess();
                } else {
                    ready.tryFailure(h.cause());
                    ch.close();
                }
            });
        });
        return ready;
    }

    private void removeIdle(Server server, Channel ch) {
        // hasAttr first: attr() would create the attribute, and its presence is what wasPooled reports.
        if (ch.hasAttr(IDLE_TIMER)) {
            ch.attr(IDLE_TIMER).get().cancel();
        }
        ArrayDeque<Channel> q = idle.get(server);
        if (q != null && q.remove(ch) && q.isEmpty()) {
            idle.remove(server);
        }
    }
}
