package io.mlbj.core.proxy;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import java.time.Duration;

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

    private enum Phase { NONE, REQUEST_HEAD, KEEP_ALIVE, CLIENT_IDLE }

    private static final long UNLIMITED = Long.MAX_VALUE;
    private ChannelHandlerContext ctx;
    // All fields are touched on the channel's event loop only. One deadline serves every phase, so a
    // request cycle on a busy connection moves a deadline instead of scheduling and cancelling tasks.
    private DeadlineTimer timer;
    private Phase phase = Phase.NONE;
    private boolean bytesSeen;
    private long phaseStartNanos;
    private long requestNanos;
    private long lastActivityNanos;
    private long idleNanos;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.timer = new DeadlineTimer(ctx.executor(), this::expired);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        phase = Phase.NONE;
        timer.cancel();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        phase = Phase.NONE;
        timer.cancel();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        bytesSeen = true;
        lastActivityNanos = EventClock.now();
        ctx.fireChannelRead(msg);
    }

    /**
     * Starts waiting for a request head: {@code keepAlive} null for the first request of a connection
     * (then only {@code httpRequest} applies), else the keep-alive wait before the first byte.
     */
    public void awaitRequest(Duration httpRequest, Duration keepAlive) {
        bytesSeen = false;
        phaseStartNanos = EventClock.now();
        requestNanos = nanosOrUnlimited(httpRequest);
        if (keepAlive == null) {
            enter(Phase.REQUEST_HEAD, requestNanos);
        } else {
            enter(Phase.KEEP_ALIVE, Math.min(nanosOrUnlimited(keepAlive), requestNanos));
        }
    }

    /** The request head arrived: from now on only client inactivity ({@code timeout client}) counts. */
    public void requestStarted(Duration client) {
        idleNanos = nanosOrUnlimited(client);
        lastActivityNanos = EventClock.now();
        phaseStartNanos = lastActivityNanos;
        enter(Phase.CLIENT_IDLE, idleNanos);
    }

    /** Counts client activity other than reads (e.g. the client drained a response buffer). */
    public void touch() {
        lastActivityNanos = EventClock.now();
    }

    /** Stops every timer. */
    public void cancel() {
        phase = Phase.NONE;
        timer.disarm();
    }

    /** Enters {@code next}, expiring {@code nanos} after the phase start; no deadline for an unlimited wait. */
    private void enter(Phase next, long nanos) {
        if (nanos == UNLIMITED) {
            phase = Phase.NONE;
            timer.disarm();
        } else {
            phase = next;
            timer.arm(phaseStartNanos + nanos);
        }
    }

    private void expired() {
        switch (phase) {
            case REQUEST_HEAD -> fire(Expired.REQUEST_HEAD);
            case KEEP_ALIVE -> {
                if (!bytesSeen) {
                    fire(Expired.KEEP_ALIVE);
                } else {
                    // A request began during the keep-alive wait: the rest of timeout http-request applies.
                    enter(Phase.REQUEST_HEAD, requestNanos);
                }
            }
            case CLIENT_IDLE -> {
                long now = System.nanoTime();
                if (now - lastActivityNanos >= idleNanos) {
                    phaseStartNanos = now;
                    enter(Phase.CLIENT_IDLE, idleNanos);
                    ctx.fireUserEventTriggered(Expired.CLIENT_IDLE);
                } else {
                    phaseStartNanos = lastActivityNanos;
                    enter(Phase.CLIENT_IDLE, idleNanos);
                }
            }
            default -> { }
        }
    }

    // HAProxy: a timeout that is not set (zero here) never expires.
    private static long nanosOrUnlimited(Duration timeout) {
        return timeout.isZero() ? UNLIMITED : timeout.toNanos();
    }

    private void fire(Expired what) {
        phase = Phase.NONE;
        ctx.fireUserEventTriggered(what);
    }
}
