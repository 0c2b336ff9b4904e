package io.mlbj.marathon.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {
    private static final Duration SHORT_LIFE = Duration.ofSeconds(1);

    @Test
    void growsByHalfAndIsCapped() {
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofSeconds(3), Duration.ofSeconds(10),
                Duration.ofSeconds(600), () -> 0.999999);
        assertThat(backoff.next(SHORT_LIFE).toMillis()).isBetween(2990L, 3000L);
        assertThat(backoff.next(SHORT_LIFE).toMillis()).isBetween(4490L, 4500L);
        assertThat(backoff.next(SHORT_LIFE).toMillis()).isBetween(6740L, 6750L);
        assertThat(backoff.next(SHORT_LIFE).toMillis()).isBetween(9990L, 10000L);
        assertThat(backoff.next(SHORT_LIFE).toMillis()).isBetween(9990L, 10000L);
    }

    @Test
    void fullJitterScalesTheWait() {
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofSeconds(4), Duration.ofSeconds(300),
                Duration.ofSeconds(600), () -> 0.25);
        assertThat(backoff.next(SHORT_LIFE)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.currentWait()).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void aLongLivedStreamResetsTheWait() {
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofSeconds(2), Duration.ofSeconds(300),
                Duration.ofSeconds(600), () -> 0.5);
        backoff.next(SHORT_LIFE);
        backoff.next(SHORT_LIFE);
        assertThat(backoff.currentWait()).isEqualTo(Duration.ofMillis(4500));
        assertThat(backoff.next(Duration.ofSeconds(601))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aBrokenRandomSourceMeansNoWaitNotAnError() {
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofSeconds(2), Duration.ofSeconds(300),
                Duration.ofSeconds(600), () -> Double.NaN);
        assertThat(backoff.next(SHORT_LIFE)).isZero();
    }

    @Test
    void rejectsNegativeDurations() {
        assertThatThrownBy(() -> new ReconnectBackoff(Duration.ofSeconds(-1), Duration.ofSeconds(1),
                Duration.ZERO, () -> 0)).hasMessageContaining("expected: >= 0");
    }
}
