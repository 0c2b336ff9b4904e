package io.mlbj.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** HAProxy's health counter ({@code set_server_check_status} in check.c). */
class RiseFallCounterTest {
    private static final Duration INTER = Duration.ofSeconds(2);
    private static final Duration FAST = Duration.ofMillis(500);
    private static final Duration DOWN = Duration.ofSeconds(10);

    @Test
    void startsUpButFallsAtTheFirstFailureAsHaproxy() {
        RiseFallCounter c = new RiseFallCounter(2, 3);
        assertThat(c.isUp()).isTrue();
        assertThat(c.text()).isEqualTo("UP 1/3");
        assertThat(c.record(false)).isTrue();
        assertThat(c.isUp()).isFalse();
        assertThat(c.text()).isEqualTo("DOWN");
    }

    @Test
    void oneSuccessMakesItFullyUpThenFallFailuresTakeItDown() {
        RiseFallCounter c = new RiseFallCounter(2, 3);
        assertThat(c.record(true)).isFalse();
        assertThat(c.text()).isEqualTo("UP");
        assertThat(c.record(false)).isFalse();
        assertThat(c.text()).isEqualTo("UP 2/3");
        assertThat(c.record(false)).isFalse();
        assertThat(c.text()).isEqualTo("UP 1/3");
        assertThat(c.record(true)).as("a success in between restores the full count").isFalse();
        assertThat(c.text()).isEqualTo("UP");
        c.record(false);
        c.record(false);
        assertThat(c.record(false)).isTrue();
        assertThat(c.isUp()).isFalse();
        assertThat(c.isFullyDown()).isTrue();
    }

    @Test
    void comesBackAfterRiseSuccessesInARow() {
        RiseFallCounter c = new RiseFallCounter(3, 2);
        c.record(false);
        assertThat(c.record(true)).isFalse();
        assertThat(c.text()).isEqualTo("DOWN 1/3");
        assertThat(c.record(false)).as("a failure while going up starts over").isFalse();
        assertThat(c.text()).isEqualTo("DOWN");
        c.record(true);
        c.record(true);
        assertThat(c.record(true)).isTrue();
        assertThat(c.text()).isEqualTo("UP");
    }

    @Test
    void intervalsFollowSrvGetinter() {
        RiseFallCounter c = new RiseFallCounter(2, 3);
        assertThat(c.nextInterval(INTER, FAST, DOWN)).as("in transition at start").isEqualTo(FAST);
        c.record(true);
        assertThat(c.nextInterval(INTER, FAST, DOWN)).isEqualTo(INTER);
        c.record(false);
        assertThat(c.nextInterval(INTER, FAST, DOWN)).isEqualTo(FAST);
        c.record(false);
        c.record(false);
        assertThat(c.nextInterval(INTER, FAST, DOWN)).isEqualTo(DOWN);
    }

    @Test
    void resizeKeepsTheState() {
        RiseFallCounter up = new RiseFallCounter(2, 3);
        up.record(true);
        up.resize(5, 10);
        assertThat(up.text()).isEqualTo("UP");
        RiseFallCounter down = new RiseFallCounter(2, 3);
        down.record(false);
        down.record(true);
        down.resize(4, 1);
        assertThat(down.isUp()).isFalse();
        assertThat(down.text()).isEqualTo("DOWN 1/4");
        down.resize(1, 1);
        assertThat(down.isUp()).as("progress beyond the new rise stays just below up").isFalse();
        assertThat(down.record(true)).isTrue();
    }
}
