package io.mlbj.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EventClockTest {
    private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long SKEW_MILLIS = 50;

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

    @Test
    void outsideAReadTheWallTimeIsTheSystemClocks() {
        long before = System.currentTimeMillis();
        long wall = EventClock.current().wallMillis();
        assertThat(wall).isBetween(before, System.currentTimeMillis());
    }

    @Test
    void duringAReadTheWallTimeIsTheReadsAndFollowsItsNanoTime() throws InterruptedException {
        long before = System.currentTimeMillis();
        long first = wallTimeOfARead(5);
        // Derived from an earlier reading of this thread's when there is one: whole milliseconds apart.
        assertThat(first).isBetween(before - SKEW_MILLIS, System.currentTimeMillis() + SKEW_MILLIS);
        Thread.sleep(20);
        // A later read within the anchor's second: derived from nanoTime, at least the pause later, and the
        // system clock and nanoTime agree to within milliseconds over one second.
        long beforeSecond = System.currentTimeMillis();
        long second = wallTimeOfARead(0);
        assertThat(second - first).isGreaterThanOrEqualTo(20);
        assertThat(second).isBetween(beforeSecond - SKEW_MILLIS, System.currentTimeMillis() + SKEW_MILLIS);
    }

    // Whether the second read took a new wall-clock reading is not visible from here (the derived time agrees
    // with the clock to the millisecond); what is checked is that a read past the anchor's second still tells
    // the wall time.
    @Test
    void aReadMoreThanASecondLaterStillTellsTheWallTime() throws InterruptedException {
        wallTimeOfARead(0);
        Thread.sleep(1_100);
        long before = System.currentTimeMillis();
        assertThat(wallTimeOfARead(0)).isBetween(before, System.currentTimeMillis());
    }

    /** The wall time at the start of a read that lasts {@code millis}, checked to stay the same through it. */
    private static long wallTimeOfARead(long millis) throws InterruptedException {
        EventClock clock = EventClock.current();
        clock.enter();
        try {
            long wall = clock.wallMillis();
            Thread.sleep(millis);
            assertThat(clock.wallMillis()).isEqualTo(wall);
            return wall;
        } finally {
            clock.exit();
        }
    }
}
