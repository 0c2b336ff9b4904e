package io.mlbj.core.proxy;

import io.netty.util.concurrent.FastThreadLocal;
import java.util.concurrent.TimeUnit;

/**
 * One clock reading per received buffer instead of one per use: a request's head read from the client sets
 * off a dozen timestamps (client inactivity, the exchange's start, the server's inactivity timer, the
 * sessions' "last session"), a response read from the server another handful (response time, the pool's idle
 * deadline, the keep-alive wait), and every one of them means the same instant. The first handler after the
 * socket (and TLS) {@link #enter() enters} a read and {@link #exit() exits} it when the buffer has been
 * handled; {@link #now()} during a read is the time the read began, and outside any read the clock itself.
 * Reads nest (an in-process {@code abns@} peer is read synchronously inside its writer's read): the outer
 * read's time stands, which is the same instant to within the call. One per thread, used by that thread only.
 */
public final class EventClock {
    private static final FastThreadLocal<EventClock> CURRENT = new FastThreadLocal<>() {
        @Override
        protected EventClock initialValue() {
            return new EventClock();
        }
    };

    // How old a wall-clock reading may be before wallMillis() takes a new one: the time between two readings
    // is measured on nanoTime, so the derived wall time drifts from the wall clock only by the clocks' drift
    // over this interval (microseconds), far below the millisecond the callers look at.
    private static final long WALL_ANCHOR_NANOS = TimeUnit.SECONDS.toNanos(1);

    private long readStartNanos;
    private int depth;
    // Starts a full interval in the past, so the first read takes a wall-clock reading.
    private long wallAnchorNanos = System.nanoTime() - WALL_ANCHOR_NANOS;
    private long wallAnchorMillis;

    private EventClock() {
    }

    /** The current thread's clock. */
    public static EventClock current() {
        return CURRENT.get();
    }

    /** {@link System#nanoTime()} as of the read the current thread is handling, or now when it handles none. */
    public static long now() {
        return CURRENT.get().nanoTime();
    }

    /** This clock's time: see {@link #now()}. */
    public long nanoTime() {
        return depth > 0 ? readStartNanos : System.nanoTime();
    }

    /**
     * {@link System#currentTimeMillis()} as of the read the current thread is handling, or now when it handles
     * none. During a read it is derived from the read's {@link #nanoTime()} and a wall-clock reading at most a
     * second old, so reads ask the wall clock about once a second instead of at every use.
     */
    public long wallMillis() {
        if (depth == 0) {
            return System.currentTimeMillis();
        }
        long sinceAnchor = readStartNanos - wallAnchorNanos;
        if (sinceAnchor < 0 || sinceAnchor >= WALL_ANCHOR_NANOS) {
            wallAnchorNanos = readStartNanos;
            wallAnchorMillis = System.currentTimeMillis();
            return wallAnchorMillis;
        }
        return wallAnchorMillis + sinceAnchor / 1_000_000;
    }

    /** A read begins (outermost: the time is taken now). Pair with {@link #exit()} in a {@code finally}. */
    public void enter() {
        if (depth++ == 0) {
            readStartNanos = System.nanoTime();
        }
    }

    /** The read {@link #enter() entered} last is handled. */
    public void exit() {
        depth--;
    }
}
