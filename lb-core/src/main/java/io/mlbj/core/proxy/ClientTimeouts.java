package io.mlbj.core.proxy;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The client-side HTTP timers, placed before the codec so it sees raw bytes: {@code timeout http-request}
 * (the whole request head, from accept or from the end of the previous response), {@code timeout
 * http-keep-alive} (waiting for the first byte of the next request; closes silently) and {@code timeout
 * client} (inactivity while a request is in progress). It only reports expiry as a user event; the
 * proxy handler decides what to answer.
 */
public final class ClientTimeouts extends ChannelDuplexHandler {
    /** The user events this handler fires. */
    public enum Expired {
        /** The request head did not arrive in time: answer 408. */
        REQUEST_HEAD,
        /** No byte of a next request arrived during keep-alive: close silently. */
        KEEP_ALIVE,
        /** No client activity for {@code timeout client} while a request is in progress. */
        CLIENT_IDLE
    }

    private ChannelHandlerContext ctx;
    // All fields are touched on the channel's event loop only.
    private static final long UNLIMITED = Long.MAX_VALUE;
    private ScheduledFuture<?> timer;
    private boolean bytesSeen;
    private long lastActivityNanos;
    private long idleNanos;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        bytesSeen = true;
        lastActivityNanos = System.nanoTime();
        ctx.fireChannelRead(msg);
    }

    /**
     * Starts waiting for a request head: {@code keepAlive} null for the first request of a connection
     * (then only {@code httpRequest} applies), else the keep-alive wait before the first byte.
     */
    public void awaitRequest(Duration httpRequest, Duration keepAlive) {
        cancel();
        bytesSeen = false;
        long start = System.nanoTime();
        long requestNanos = nanosOrUnlimited(httpRequest);
        if (keepAlive == null) {
            timer = schedule(() -> fire(Expired.REQUEST_HEAD), requestNanos);
        } else {
            timer = schedule(() -> {
                if (!bytesSeen) {
                    fire(Expired.KEEP_ALIVE);
                } else {
                    long left = requestNanos == UNLIMITED ? UNLIMITED : requestNanos - (System.nanoTime() - start);
                    timer = schedule(() -> fire(Expired.REQUEST_HEAD), Math.max(0, left));
                }
            }, Math.min(nanosOrUnlimited(keepAlive), requestNanos));
        }
    }

    /** The request head arrived: from now on only client inactivity ({@code timeout client}) counts. */
    public void requestStarted(Duration client) {
        cancel();
        idleNanos = nanosOrUnlimited(client);
        lastActivityNanos = System.nanoTime();
        timer = schedule(this::checkIdle, idleNanos);
    }

    /** Counts client activity other than reads (e.g. the client drained a response buffer). */
    public void touch() {
        lastActivityNanos = System.nanoTime();
    }

    /** Stops every timer. */
    public void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void checkIdle() {
        long idle = System.nanoTime() - lastActivityNanos;
        if (idle >= idleNanos) {
            timer = schedule(this::checkIdle, idleNanos);
            fire(Expired.CLIENT_IDLE);
        } else {
            timer = schedule(this::checkIdle, idleNanos - idle);
        }
    }

    /** No timer for an unlimited wait. */
    private ScheduledFuture<?> schedule(Runnable task, long nanos) {
        return nanos == UNLIMITED ? null : ctx.executor().schedule(task, nanos, TimeUnit.NANOSECONDS);
    }

    // HAProxy: a timeout that is not set (zero here) never expires.
    private static long nanosOrUnlimited(Duration timeout) {
        return timeout.isZero() ? UNLIMITED : timeout.toNanos();
    }

    private void fire(Expired what) {
        if (what != Expired.CLIENT_IDLE) {
            timer = null;
        }
        ctx.fireUserEventTriggered(what);
    }
}
