package io.mlbj.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EventClockTest {
    private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    @Test
    void duringAReadEveryReadingIsTheReadsStartAndNestedReadsKeepIt() throws InterruptedException {
        EventClock clock = EventClock.current();
        long before = System.nanoTime();
        clock.enter();
        long start;
        try {
            start = EventClock.now();
            assertThat(start).isGreaterThanOrEqualTo(before);
            Thread.sleep(5);
            assertThat(EventClock.now()).isEqualTo(start);
            clock.enter();
            try {
                Thread.sleep(5);
                assertThat(EventClock.now()).isEqualTo(start);
            } finally {
                clock.exit();
            }
            assertThat(EventClock.now()).isEqualTo(start);
        } finally {
            clock.exit();
        }
        // Outside any read: the clock itself.
        assertThat(EventClock.now() - start).isGreaterThanOrEqualTo(2 * PAUSE_NANOS);
    }

    @Test
    void eachThreadHasItsOwnClock() throws InterruptedException {
        EventClock mine = EventClock.current();
        mine.enter();
        try {
            long start = EventClock.now();
            Thread.sleep(5);
            AtomicLong other = new AtomicLong();
            Thread t = new Thread(() -> other.set(EventClock.now()));
            t.start();
            t.join();
            assertThat(other.get() - start).isGreaterThanOrEqualTo(PAUSE_NANOS);
            assertThat(EventClock.now()).isEqualTo(start);
        } finally {
            mine.exit();
        }
    }
}
