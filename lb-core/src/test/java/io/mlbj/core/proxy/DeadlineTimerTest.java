package io.mlbj.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** On a real event loop: never early, once per arm, later deadlines reuse the pending task, earlier ones do not wait for it. */
class DeadlineTimerTest {
    private final EventLoop loop = new DefaultEventLoop();

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void aDeadlineMovedLaterFiresOnceAndNotBeforeIt() throws Exception {
        AtomicInteger fired = new AtomicInteger();
        AtomicLong firedAt = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        long[] deadline = new long[1];
        loop.execute(() -> {
            DeadlineTimer t = new DeadlineTimer(loop, () -> {
                fired.incrementAndGet();
                firedAt.set(System.nanoTime());
                done.countDown();
            });
            t.arm(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(30));
            deadline[0] = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(150);
            t.arm(deadline[0]);
        });
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(firedAt.get() - deadline[0]).isGreaterThanOrEqualTo(0);
        Thread.sleep(200);
        assertThat(fired.get()).isEqualTo(1);
    }

    @Test
    void anEarlierDeadlineDoesNotWaitForThePendingTask() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        loop.execute(() -> {
            DeadlineTimer t = new DeadlineTimer(loop, done::countDown);
            t.arm(System.nanoTime() + TimeUnit.MINUTES.toNanos(10));
            t.arm(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20));
        });
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void disarmedAndCancelledTimersDoNotFireButCanBeArmedAgain() throws Exception {
        AtomicInteger fired = new AtomicInteger();
        CountDownLatch rearmed = new CountDownLatch(1);
        DeadlineTimer[] t = new DeadlineTimer[1];
        loop.submit(() -> {
            t[0] = new DeadlineTimer(loop, () -> {
                fired.incrementAndGet();
                rearmed.countDown();
            });
            t[0].arm(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20));
            t[0].disarm();
            assertThat(t[0].isArmed()).isFalse();
        }).syncUninterruptibly();
        Thread.sleep(150);
        assertThat(fired.get()).isZero();
        loop.submit(() -> {
            t[0].arm(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20));
            t[0].cancel();
        }).syncUninterruptibly();
        Thread.sleep(150);
        assertThat(fired.get()).isZero();
        loop.execute(() -> t[0].arm(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10)));
        assertThat(rearmed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(fired.get()).isEqualTo(1);
    }
}
