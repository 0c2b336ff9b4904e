package io.mlbj.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mlbj.bench.load.RequestBudget.Claim;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The load tool's pure parts: guard, durations, budget, error kinds, cookie jar, request bytes, chart maths. */
class LoadToolPureTest {

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, true", "127.5.6.7, true", "::1, true", "[::1], true", "localhost, true", "LOCALHOST., true",
        "10.0.0.1, false", "0.0.0.0, false", "192.168.1.1, false", "example.com, false", "localhost.example.com, false",
        "::ffff:10.0.0.1, false", "2001:db8::1, false", "127.0.0.1.nip.io, false"})
    void onlyLoopbackIsAllowedWithoutAllowRemote(String host, boolean loopback) {
        assertThat(TargetGuard.isLoopback(host)).isEqualTo(loopback);
        assertThat(TargetGuard.refusal(host, false) == null).isEqualTo(loopback);
        assertThat(TargetGuard.refusal(host, true)).isNull();
    }

    @ParameterizedTest
    @CsvSource({"10s, 10000", "500ms, 500", "2m, 120000", "1h, 3600000", "1.5s, 1500", "3, 3000"})
    void durationsParse(String text, long millis) {
        assertThat(DurationConverter.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void badDurationNamesTheInput() {
        assertThatThrownBy(() -> DurationConverter.parse("ten")).hasMessageContaining("'ten'").hasMessageContaining("10s");
    }

    @Test
    void budgetSeparatesWarmupMeasuredAndStop() {
        RequestBudget budget = new RequestBudget(100, 1000, 2);
        assertThat(budget.claim(50)).isEqualTo(Claim.WARMUP);
        assertThat(budget.claim(100)).isEqualTo(Claim.MEASURED);
        assertThat(budget.claim(500)).isEqualTo(Claim.MEASURED);
        assertThat(budget.claim(600)).isEqualTo(Claim.STOP);
        assertThat(budget.claim(60)).isEqualTo(Claim.WARMUP);

        RequestBudget timeOnly = new RequestBudget(0, 1000, 0);
        assertThat(timeOnly.claim(999)).isEqualTo(Claim.MEASURED);
        assertThat(timeOnly.claim(1000)).isEqualTo(Claim.STOP);

        RequestBudget countOnly = new RequestBudget(0, Long.MAX_VALUE, 1);
        assertThat(countOnly.claim(Long.MAX_VALUE / 2)).isEqualTo(Claim.MEASURED);
        assertThat(countOnly.claim(Long.MAX_VALUE / 2)).isEqualTo(Claim.STOP);
    }

    @Test
    void errorKindsAreNamed() {
        assertThat(ErrorKind.of(new ConnectException("Connection refused"))).isEqualTo("connect_refused");
        assertThat(ErrorKind.of(new ConnectTimeoutException("connection timed out"))).isEqualTo("connect_timeout");
        assertThat(ErrorKind.of(new IOException("Connection reset by peer"))).isEqualTo("reset");
        assertThat(ErrorKind.of(new IOException("x", new SSLHandshakeException("bad cert")))).isEqualTo("tls");
        assertThat(ErrorKind.of(new IllegalStateException("odd"))).isEqualTo("protocol");
        assertThat(ErrorKind.status(503)).isEqualTo("status_503");
    }

    @Test
    void cookieJarKeepsCookiesByNameAndForgetsExpiredOnes() {
        CookieJar jar = new CookieJar();
        assertThat(jar.cookieHeader()).isNull();
        assertThat(jar.update(List.of("JSESSIONID=abc; Path=/; HttpOnly"))).isTrue();
        assertThat(jar.cookieHeader()).isEqualTo("JSESSIONID=abc");
        assertThat(jar.update(List.of("JSESSIONID=abc; Path=/"))).isFalse();
        assertThat(jar.update(List.of("SERVERID=s1", "bad cookie without equals"))).isTrue();
        assertThat(jar.cookieHeader().split("; ")).containsExactlyInAnyOrder("JSESSIONID=abc", "SERVERID=s1");
        assertThat(jar.update(List.of("JSESSIONID=; Max-Age=0"))).isTrue();
        assertThat(jar.cookieHeader()).isEqualTo("SERVERID=s1");
    }

    @Test
    void requestBytesHoldTheRequestLineHeadersAndBody() {
        TestConfig c = TestConfig.target("http://[::1]:8080/a/b?x=y").requests(1);
        c.method = "PUT";
        c.bodySize = 3;
        c.headers.add("X-One: 1");
        try (RequestBytes bytes = RequestBytes.encode(c.build(), UnpooledByteBufAllocator.DEFAULT)) {
            assertThat(bytes.head().toString(StandardCharsets.ISO_8859_1)).isEqualTo(
                    "PUT /a/b?x=y HTTP/1.1\r\nHost: [::1]:8080\r\nUser-Agent: mlbj-load\r\nContent-Length: 3\r\n"
                            + "Content-Type: application/octet-stream\r\nX-One: 1\r\n\r\n");
            assertThat(bytes.body().toString(StandardCharsets.ISO_8859_1)).isEqualTo("xxx");
            ByteBuf withCookie = bytes.headWithCookie("JSESSIONID=abc", UnpooledByteBufAllocator.DEFAULT);
            try {
                assertThat(withCookie.toString(StandardCharsets.ISO_8859_1)).endsWith(
                        "X-One: 1\r\nCookie: JSESSIONID=abc\r\n\r\n");
            } finally {
                withCookie.release();
            }
        }
        TestConfig get = TestConfig.target("https://localhost/").requests(1);
        get.newConnectionPerRequest = true;
        try (RequestBytes bytes = RequestBytes.encode(get.build(), UnpooledByteBufAllocator.DEFAULT)) {
            assertThat(bytes.head().toString(StandardCharsets.ISO_8859_1)).isEqualTo(
                    "GET / HTTP/1.1\r\nHost: localhost\r\nUser-Agent: mlbj-load\r\nConnection: close\r\n\r\n");
            assertThat(bytes.body()).isNull();
        }
    }

    @Test
    void chartAxisIsLogarithmicInNines() {
        assertThat(LatencyChart.xPosition(0)).isZero();
        assertThat(LatencyChart.xPosition(90)).isCloseTo(1, within(1e-9));
        assertThat(LatencyChart.xPosition(99)).isCloseTo(2, within(1e-9));
        assertThat(LatencyChart.xPosition(99.999)).isCloseTo(5, within(1e-6));
        assertThat(LatencyChart.xPosition(99.99999)).isEqualTo(5);
        assertThat(LatencyChart.xPosition(100)).isEqualTo(5);
        assertThat(LatencyChart.niceCeiling(0)).isEqualTo(1);
        assertThat(LatencyChart.niceCeiling(0.37)).isCloseTo(0.5, within(1e-12));
        assertThat(LatencyChart.niceCeiling(1.2)).isEqualTo(2);
        assertThat(LatencyChart.niceCeiling(730)).isEqualTo(1000);
    }

    @Test
    void configErrorsNameTheOption() {
        TestConfig c = TestConfig.target("http://127.0.0.1/");
        assertThatThrownBy(c::build).hasMessageContaining("--duration or --requests");
        c.requests = 1;
        c.headers.add("no colon");
        assertThatThrownBy(c::build).hasMessageContaining("--header: 'no colon'");
        c.headers.clear();
        c.rate = -1;
        assertThatThrownBy(c::build).hasMessageContaining("--rate: -1.0");
    }
}
