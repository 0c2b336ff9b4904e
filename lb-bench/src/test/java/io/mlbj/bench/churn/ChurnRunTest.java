package io.mlbj.bench.churn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Our load balancer under churn on loopback: sticky users on three apps (two {@code prefix}, one
 * {@code insert}) while the emulated Marathon changes a task every 150 ms for 8 s, killed tasks serving for a
 * grace period. No request to a healthy server fails, no session leaves a surviving server, and threads do
 * not grow.
 */
class ChurnRunTest {

    @Test
    @Timeout(180)
    void requestsAndSessionsOfHealthyServersSurviveChurn() throws Exception {
        ChurnSettings settings = new ChurnSettings(Duration.ofSeconds(8), Duration.ofMillis(150), Duration.ofSeconds(2),
                3, 3, 2, 4, 7);

        ChurnResult result = ChurnRun.ownLoadBalancer(settings).run();

        String summary = result.summary();
        assertThat(result.operations().values().stream().mapToInt(Integer::intValue).sum()).as(summary).isGreaterThan(10);
        assertThat(result.tasksRemoved()).as(summary).isPositive();
        assertThat(result.routingChanges()).as(summary).isPositive();
        assertThat(result.count("ok")).as(summary).isGreaterThan(100);
        assertThat(result.count("failedHealthy")).as(summary).isZero();
        assertThat(result.count("failedUnbound")).as(summary).isZero();
        assertThat(result.count("movedFromSurvivor")).as(summary).isZero();
        assertThat(result.count("movedFromRemoved")).as(summary).isPositive();
        assertThat(result.count("movedWithoutNewCookie")).as(summary).isZero();
        assertThat(result.count("sessionLost")).as(summary).isZero();
        assertThat(result.count("identityMismatch")).as(summary).isZero();
        assertThat(result.count("stickyKept")).as(summary).isGreaterThan(result.count("movedFromRemoved"));
        // a few JDK/Netty helper threads come and go (HTTP client workers, GlobalEventExecutor): a small margin
        assertThat(result.sample("end").threads()).as(summary).isLessThanOrEqualTo(result.sample("start").threads() + 4);
        assertThat(result.sample("after").threads()).as(summary).isLessThanOrEqualTo(result.sample("start").threads() + 4);
    }
}
