package io.mlbj.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.balance.ServerStatus;
import io.mlbj.core.routing.HealthCheck;
import io.mlbj.core.routing.HttpCheckExpect;
import io.mlbj.core.routing.Server;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code http-check disable-on-404} (L7OKC, NOLB) and the slowstart origin in one server's results. */
class NolbAndRecoveryTest {
    private static final Duration D = Duration.ofSeconds(2);

    private static HealthCheck http(boolean disableOn404, HttpCheckExpect expect) {
        return new HealthCheck(D, 2, 2, 0, "GET", "/", D, D, D, "HTTP/1.0", 0, 0, expect, disableOn404);
    }

    private static Server server(HealthCheck check, Duration slowStart) {
        return new Server("s1", "127.0.0.1", 8080, 0, 10, null, false, null, check, 0, false, slowStart);
    }

    private static CheckStatus verdict(HealthCheck check, String statusLine) {
        byte[] b = (statusLine + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        int code = HttpCheckCodec.statusCode(b, b.length, true);
        return HttpCheckCodec.verdict(b, b.length, true, code, check,
                check.expect() == null ? null : check.expect().regex());
    }

    @Test
    void a404IsL7okcOnlyUnderDisableOn404AndBeforeAnyExpectForm() {
        assertThat(verdict(http(true, null), "HTTP/1.1 404 Not Found")).isEqualTo(CheckStatus.L7OKC);
        assertThat(verdict(http(false, null), "HTTP/1.1 404 Not Found")).isEqualTo(CheckStatus.L7STS);
        assertThat(verdict(http(true, null), "HTTP/1.1 200 OK")).isEqualTo(CheckStatus.L7OK);
        assertThat(verdict(http(true, null), "HTTP/1.1 503 Unavailable")).isEqualTo(CheckStatus.L7STS);
        HttpCheckExpect any4xx = new HttpCheckExpect(HttpCheckExpect.Kind.RSTATUS, false, "^4");
        assertThat(verdict(http(true, any4xx), "HTTP/1.1 404 Not Found")).isEqualTo(CheckStatus.L7OKC);
    }

    @Test
    void l7okcPutsAnUpServerInNolbUntilAnyOtherAnswer() {
        Server s = server(http(true, null), Duration.ZERO);
        CheckResults r = new CheckResults(new HealthKey("be", "s1", "127.0.0.1", 8080), s);
        r.record(CheckStatus.L7OK, 200, 0);
        assertThat(r.effectiveWeight(s)).isEqualTo(10 * ServerStatus.WEIGHT_SCALE);
        r.record(CheckStatus.L7OKC, 404, 0);
        assertThat(r.state()).isEqualTo(ServerState.NOLB);
        assertThat(r.statusText()).isEqualTo("NOLB");
        assertThat(r.lastCheckText()).isEqualTo("L7OKC 404");
        assertThat(r.isUp()).as("sticky sessions still reach it").isTrue();
        assertThat(r.effectiveWeight(s)).as("no balanced traffic").isZero();
        assertThat(r.failures()).isZero();
        r.record(CheckStatus.L7OK, 200, 0);
        assertThat(r.state()).isEqualTo(ServerState.UP);
        assertThat(r.effectiveWeight(s)).isEqualTo(10 * ServerStatus.WEIGHT_SCALE);

        r.record(CheckStatus.L7OKC, 404, 0);
        r.record(CheckStatus.L7STS, 500, 0);
        assertThat(r.state()).as("a failure ends NOLB and counts toward fall").isEqualTo(ServerState.UP);
        assertThat(r.statusText()).isEqualTo("UP 1/2");
        r.record(CheckStatus.L7STS, 500, 0);
        assertThat(r.state()).isEqualTo(ServerState.DOWN);
        r.record(CheckStatus.L7OKC, 404, 0);
        assertThat(r.state()).as("a 404 of a down server is a failure").isEqualTo(ServerState.DOWN);
        assertThat(r.statusText()).isEqualTo("DOWN");
    }

    @Test
    void slowstartAppliesAfterARecoveryNeverAtStartUp() {
        Server s = server(http(false, null), Duration.ofSeconds(60));
        CheckResults r = new CheckResults(new HealthKey("be", "s1", "127.0.0.1", 8080), s);
        r.record(CheckStatus.L7OK, 200, 0);
        assertThat(r.effectiveWeight(s)).as("start-up: full weight at once").isEqualTo(160);
        r.record(CheckStatus.L7STS, 503, 0);
        r.record(CheckStatus.L7STS, 503, 0);
        assertThat(r.effectiveWeight(s)).isZero();
        r.record(CheckStatus.L7OK, 200, 0);
        r.record(CheckStatus.L7OK, 200, 0);
        assertThat(r.isUp()).isTrue();
        // Just recovered: 1/16 of the weight, far below the full 160 for the next minute.
        assertThat(r.effectiveWeight(s)).isBetween(10, 159);
        Server noRamp = server(http(false, null), Duration.ZERO);
        assertThat(r.effectiveWeight(noRamp)).as("the record in force decides").isEqualTo(160);
    }
}
