package io.mlbj.bench.load;

import io.mlbj.bench.load.RequestBudget.Claim;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.AsciiString;
import java.net.InetSocketAddress;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One simulated client: a connection (reopened when needed), a cookie jar and one request in flight at a
 * time. Closed loop: the next request starts when the previous one ends. Open loop: requests follow a
 * fixed schedule of intended send times, and latency is measured from the intended time, so a stalled
 * server is charged for the requests it delayed (no coordinated omission).
 *
 * <p>Every field is touched only on {@link #loop}, so none needs {@code volatile}.
 */
final class VirtualUser implements Runnable {

    /** Pause after a failed connect, so a dead target does not turn the tool into a connect flood. */
    private static final long CONNECT_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** Error kind of a request still in flight when the run was stopped. */
    private static final String ABANDONED = "abandoned";

    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final InetSocketAddress target;
    private final RequestBytes request;
    private final RequestBudget budget;
    private final RunStats stats;
    private final boolean openLoop;
    private final long intervalNanos;
    private final long timeoutNanos;
    private final boolean newConnectionPerRequest;
    private final CookieJar cookieJar;
    private final AsciiString serverHeader;
    private final Runnable onFinished;
    private final ChannelFutureListener connectListener = this::connected;

    private Channel channel;
    private ByteBuf cookieHead;
    private ScheduledFuture<?> timeoutCheck;
    private long nextIntendedNanos;
    private boolean inFlight;
    private boolean measured;
    private boolean keepAlive;
    private boolean finished;
    private long intendedNanos;
    private long startNanos;
    private long responseBytes;
    private int status;
    private String lastServer;

    VirtualUser(EventLoop loop, Bootstrap bootstrap, InetSocketAddress target, RequestBytes request,
            RequestBudget budget, RunStats stats, LoadConfig config, long firstIntendedNanos, Runnable onFinished) {
        this.loop = loop;
        this.bootstrap = bootstrap;
        this.target = target;
        this.request = request;
        this.budget = budget;
        this.stats = stats;
        this.openLoop = config.openLoop();
        this.intervalNanos = openLoop ? Math.max(1, Math.round(config.connections() * 1e9 / config.rate())) : 0;
        this.timeoutNanos = config.timeout().toNanos();
        this.newConnectionPerRequest = config.newConnectionPerRequest();
        this.cookieJar = config.cookies() ? new CookieJar() : null;
        this.serverHeader = config.stickyCheck() ? AsciiString.of(config.serverHeader()) : null;
        this.nextIntendedNanos = firstIntendedNanos;
        this.onFinished = onFinished;
    }

    /** The event loop that owns this user. */
    EventLoop loop() {
        return loop;
    }

    /** Starts sending; runs on the user's loop. */
    void start() {
        long period = Math.max(TimeUnit.MILLISECONDS.toNanos(10), timeoutNanos / 4);
        timeoutCheck = loop.scheduleAtFixedRate(this::checkTimeout, period, period, TimeUnit.NANOSECONDS);
        next();
    }

    /** A scheduled wake-up: the next intended send time has come, or a connect retry is due. */
    @Override
    public void run() {
        next();
    }

    private void next() {
        if (finished || inFlight) {
            return;
        }
        long now = System.nanoTime();
        long intended = now;
        if (openLoop) {
            intended = nextIntendedNanos;
            if (intended - now > 0) {
                if (budget.endNanos() != Long.MAX_VALUE && intended - budget.endNanos() >= 0) {
                    finish();
                } else {
                    loop.schedule(this, intended - now, TimeUnit.NANOSECONDS);
                }
                return;
            }
            nextIntendedNanos += intervalNanos;
        }
        Claim claim = budget.claim(intended);
        if (claim == Claim.STOP) {
            finish();
            return;
        }
        measured = claim == Claim.MEASURED;
        if (measured) {
            stats.requests.increment();
        }
        intendedNanos = intended;
        startNanos = now;
        inFlight = true;
        responseBytes = 0;
        status = 0;
        if (channel != null && channel.isActive()) {
            write(channel);
        } else {
            connect();
        }
    }

    private void connect() {
        if (channel != null) {
            channel.close();
        }
        ChannelFuture connect = bootstrap.attr(ClientPipeline.USER, this).connect(target);
        channel = connect.channel();
        connect.addListener(connectListener);
    }

    private void connected(ChannelFuture connect) {
        if (connect.channel() != channel) {
            connect.channel().close();
            return;
        }
        if (connect.isSuccess()) {
            if (inFlight) {
                write(channel);
            }
        } else {
            channel = null;
            fail(ErrorKind.of(connect.cause()), true);
        }
    }

    private void write(Channel ch) {
        ByteBuf head = cookieHead != null ? cookieHead : request.head();
        ch.write(head.retainedDuplicate(), ch.voidPromise());
        if (request.body() != null) {
            ch.write(request.body().retainedDuplicate(), ch.voidPromise());
        }
        ch.flush();
    }

    /** The status line and headers of a response arrived on {@code ch}. */
    void onResponseHead(Channel ch, HttpResponse response) {
        if (ch != channel || !inFlight) {
            return;
        }
        status = response.status().code();
        keepAlive = HttpUtil.isKeepAlive(response);
        HttpHeaders headers = response.headers();
        if (cookieJar != null && headers.contains(HttpHeaderNames.SET_COOKIE)
                && cookieJar.update(headers.getAll(HttpHeaderNames.SET_COOKIE))) {
            if (cookieHead != null) {
                cookieHead.release();
                cookieHead = null;
            }
            String cookieHeader = cookieJar.cookieHeader();
            if (cookieHeader != null) {
                cookieHead = request.headWithCookie(cookieHeader, ch.alloc());
            }
        }
        if (serverHeader != null) {
            checkServer(headers.get(serverHeader));
        }
    }

    private void checkServer(String server) {
        if (server == null) {
            if (measured) {
                stats.stickyMissing.increment();
            }
            return;
        }
        if (measured && lastServer != null && !lastServer.equals(server)) {
            stats.stickySwitches.increment();
        }
        lastServer = server;
    }

    /** A part of the response body arrived; {@code last} marks the end of the response. */
    void onContent(Channel ch, int bytes, boolean last) {
        if (ch != channel || !inFlight) {
            return;
        }
        responseBytes += bytes;
        if (!last) {
            return;
        }
        long now = System.nanoTime();
        inFlight = false;
        if (measured) {
            stats.recordResponse(now - intendedNanos, now - startNanos, status, responseBytes);
        } else {
            stats.warmupResponses.increment();
        }
        if (!keepAlive || newConnectionPerRequest) {
            channel = null;
            ch.close();
        }
        next();
    }

    /** The pipeline of {@code ch} raised {@code cause}. */
    void onFailure(Channel ch, Throwable cause) {
        if (ch != channel || !inFlight) {
            if (ch == channel) {
                channel = null;
            }
            ch.close();
            return;
        }
        fail(ErrorKind.of(cause), false);
    }

    /** {@code ch} was closed. */
    void onClosed(Channel ch) {
        if (ch != channel) {
            return;
        }
        channel = null;
        fail(ErrorKind.CLOSED, false);
    }

    private void checkTimeout() {
        if (inFlight && System.nanoTime() - startNanos > timeoutNanos) {
            fail(ErrorKind.TIMEOUT, false);
        }
    }

    private void fail(String kind, boolean retryLater) {
        if (!inFlight) {
            return;
        }
        inFlight = false;
        if (measured) {
            stats.recordError(kind);
        }
        Channel ch = channel;
        channel = null;
        if (ch != null) {
            ch.close();
        }
        if (retryLater) {
            loop.schedule(this, CONNECT_RETRY_NANOS, TimeUnit.NANOSECONDS);
        } else {
            next();
        }
    }

    /** Stops this user (idempotent): closes its connection and releases its buffers; runs on the loop. */
    void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (inFlight && measured) {
            stats.recordError(ABANDONED);
        }
        inFlight = false;
        if (timeoutCheck != null) {
            timeoutCheck.cancel(false);
        }
        if (channel != null) {
            channel.close();
            channel = null;
        }
        if (cookieHead != null) {
            cookieHead.release();
            cookieHead = null;
        }
        onFinished.run();
    }
}
