package io.mlbj.core.health;

import static io.mlbj.core.health.HealthChecksTest.tcp;
import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.routing.Server;
import org.junit.jupiter.api.Test;

/** What the stats page reads: states, texts and counters of one server's results. */
class CheckResultsTest {
    private static Server server(int weight, boolean disabled, int rise, int fall) {
        return new Server("s1", "127.0.0.1", 8080, 0, weight, null, disabled, null, tcp(rise, fall), 0);
    }

    @Test
    void resultsCountAsHaproxyCountsThem() {
        CheckResults r = new CheckResults(new HealthKey("be", "s1", "127.0.0.1", 8080), server(1, false, 2, 2));
        assertThat(r.lastCheckText()).isEqualTo("INI");
        assertThat(r.lastCheckDurationMillis()).isEqualTo(-1);
        r.record(CheckStatus.L7OK, 200, 3_000_000);
        assertThat(r.lastCheckText()).isEqualTo("L7OK 200");
        assertThat(r.lastCheckDurationMillis()).isEqualTo(3);
        assertThat(r.statusText()).isEqualTo("UP");
        r.record(CheckStatus.L7STS, 503, 0);
        assertThat(r.statusText()).isEqualTo("UP 1/2");
        assertThat(r.state()).isEqualTo(ServerState.UP);
        r.record(CheckStatus.L4TOUT, 0, 0);
        assertThat(r.state()).isEqualTo(ServerState.DOWN);
        assertThat(r.lastCheckText()).isEqualTo("L4TOUT");
        r.record(CheckStatus.L4CON, 0, 0);
        assertThat(r.checks()).isEqualTo(4);
        assertThat(r.failures()).isEqualTo(2);
        assertThat(r.downTransitions()).isEqualTo(1);
    }

    @Test
    void disabledIsMaintAndWeightZeroIsDrainWhatEverTheChecksSay() {
        CheckResults r = new CheckResults(new HealthKey("be", "s1", "127.0.0.1", 8080), server(1, false, 2, 3));
        r.settings(server(0, false, 2, 3));
        assertThat(r.state()).isEqualTo(ServerState.DRAIN);
        r.settings(server(1, true, 2, 3));
        assertThat(r.state()).isEqualTo(ServerState.MAINT);
        assertThat(r.isUp()).as("MAINT is the model's flag; the checks still say up").isTrue();
    }

    @Test
    void newRiseAndFallKeepTheState() {
        CheckResults r = new CheckResults(new HealthKey("be", "s1", "127.0.0.1", 8080), server(1, false, 2, 3));
        r.record(CheckStatus.L4CON, 0, 0);
        assertThat(r.isUp()).isFalse();
        r.settings(server(1, false, 5, 10));
        assertThat(r.isUp()).isFalse();
        assertThat(r.statusText()).isEqualTo("DOWN");
        long change = r.lastChangeMillis();
        r.record(CheckStatus.L4OK, 0, 0);
        assertThat(r.statusText()).isEqualTo("DOWN 1/5");
        assertThat(r.lastChangeMillis()).isEqualTo(change);
    }
}
