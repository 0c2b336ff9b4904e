package io.mlbj.marathon.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResyncSchedulerTest {
    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<Runnable> duringFetch = new ArrayList<>();
    private int fetches;
    private final ResyncScheduler resync = new ResyncScheduler(scheduler, scheduler.clock(), Duration.ofMillis(500), () -> {
        fetches++;
        duringFetch.forEach(Runnable::run);
    });

    @Test
    void aLoneRequestFetchesAtOnce() {
        resync.request();
        scheduler.runDue();
        assertThat(fetches).isEqualTo(1);
    }

    @Test
    void requestsBeforeTheFetchStartsShareIt() {
        for (int i = 0; i < 1000; i++) {
            resync.request();
        }
        scheduler.runDue();
        assertThat(fetches).isEqualTo(1);
        assertThat(resync.requests()).isEqualTo(1000);
    }

    @Test
    void requestsDuringAFetchQueueExactlyOneMore() {
        duringFetch.add(() -> {
            if (fetches == 1) {
                for (int i = 0; i < 50; i++) {
                    resync.request();
                }
            }
        });
        resync.request();
        scheduler.advance(Duration.ofSeconds(10));
        assertThat(fetches).isEqualTo(2);
    }

    @Test
    void aThousandEventsOverOneSecondCostAHandfulOfFetches() {
        for (int i = 0; i < 1000; i++) {
            resync.request();
            scheduler.advance(Duration.ofMillis(1));
        }
        scheduler.advance(Duration.ofSeconds(5));
        // a burst of two at once, then at most one per 500 ms while the events last, then the trailing one
        assertThat(fetches).isBetween(3, 5);
    }

    @Test
    void theEventThatFollowsSoonAfterIsFetchedAtOnce() {
        resync.request();
        scheduler.runDue();
        scheduler.advance(Duration.ofMillis(100));
        resync.request();
        scheduler.runDue();
        assertThat(fetches).isEqualTo(2);
    }

    @Test
    void afterABurstAQueuedFetchWaitsForTheRefill() {
        resync.request();
        scheduler.runDue();
        resync.request();
        scheduler.runDue();
        scheduler.advance(Duration.ofMillis(100));
        resync.request();
        scheduler.advance(Duration.ofMillis(300));
        assertThat(fetches).isEqualTo(2);
        scheduler.advance(Duration.ofMillis(100));
        assertThat(fetches).isEqualTo(3);
    }

    @Test
    void aFailingFetchDoesNotStopLaterOnes() {
        ResyncScheduler failing = new ResyncScheduler(scheduler, scheduler.clock(), Duration.ZERO, () -> {
            fetches++;
            throw new IllegalStateException("boom");
        });
        failing.request();
        scheduler.runDue();
        failing.request();
        scheduler.runDue();
        assertThat(fetches).isEqualTo(2);
        assertThat(failing.runs()).isEqualTo(2);
    }

    @Test
    void stopCancelsTheQueuedFetch() {
        resync.request();
        resync.stop();
        scheduler.advance(Duration.ofSeconds(1));
        resync.request();
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(fetches).isZero();
    }
}
