package io.mlbj.core.admin;

import io.micrometer.core.instrument.Clock;
import io.mlbj.core.proxy.EventClock;

/**
 * The registry's clock: the wall time of the read the event loop is handling ({@link EventClock#wallMillis()}).
 * Every timer record asks for the wall time twice (the time windows of its maximum and of its histogram),
 * so the response and connect timers cost four {@link System#currentTimeMillis()} calls per proxied request
 * with Micrometer's system clock; the windows they check are minutes long. Off the event loops, and for the
 * monotonic time, the system clock.
 */
final class ReadTimeClock implements Clock {
    static final ReadTimeClock INSTANCE = new ReadTimeClock();

    private ReadTimeClock() {
    }

    @Override
    public long wallTime() {
        return EventClock.current().wallMillis();
    }

    @Override
    public long monotonicTime() {
        return System.nanoTime();
    }
}
