package io.mlbj.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Timer;
import io.mlbj.core.proxy.EventClock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LbMetricsClockTest {
    @Test
    void theRegistryTellsTheWallTimeOfTheReadBeingHandledAndTimersStillRecord() throws InterruptedException {
        LbMetrics metrics = new LbMetrics();
        try {
            Clock clock = metrics.registry().config().clock();
            EventClock read = EventClock.current();
            read.enter();
            try {
                long wall = clock.wallTime();
                assertThat(wall).isEqualTo(read.wallMillis());
                Thread.sleep(5);
                assertThat(clock.wallTime()).isEqualTo(wall);
                BackendCounters be = metrics.traffic().backend("app_10000");
                be.recordResponseTime(TimeUnit.MILLISECONDS.toNanos(3));
                be.recordResponseTime(TimeUnit.MILLISECONDS.toNanos(7));
                Timer response = be.responseTime();
                assertThat(response.count()).isEqualTo(2);
                assertThat(response.max(TimeUnit.MILLISECONDS)).isEqualTo(7.0);
            } finally {
                read.exit();
            }
            long before = System.currentTimeMillis();
            assertThat(clock.wallTime()).isBetween(before, System.currentTimeMillis());
        } finally {
            metrics.close();
        }
    }
}
