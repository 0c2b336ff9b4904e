package io.mlbj.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mlbj.core.haproxy.ConfigInterpreter;
import io.mlbj.core.haproxy.MapFileReader;
import io.mlbj.core.routing.RoutingSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TrafficStatsTest {

    private static RoutingSnapshot snapshot(String servers) throws Exception {
        return new ConfigInterpreter(MapFileReader.NONE, false).interpret(
                "frontend fe\n  bind 127.0.0.1:80\n  mode http\n  default_backend be\nbackend be\n  mode http\n" + servers,
                "haproxy.cfg");
    }

    @Test
    void countersFromSeveralThreadsAddUpWithoutLocks() throws InterruptedException {
        ProxyCounters c = TrafficStats.unpublished().backend("be").server("s1");
        int threads = 4;
        int each = 20_000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    c.sessionOpened();
                    c.response(200 + (i % 4) * 100);
                    c.bytesOut(10);
                    c.sessionClosed();
                }
            });
            th.start();
            started.add(th);
        }
        go.countDown();
        for (Thread th : started) {
            th.join();
        }
        assertThat(c.sessionsTotal()).isEqualTo((long) threads * each);
        assertThat(c.sessionsCurrent()).isZero();
        assertThat(c.sessionsMax()).isBetween(1L, (long) threads);
        assertThat(c.bytesOut()).isEqualTo(10L * threads * each);
        assertThat(c.responses(1) + c.responses(2) + c.responses(3) + c.responses(4)).isEqualTo((long) threads * each);
        assertThat(c.responses(0)).isZero();
    }

    @Test
    void ratesAreSampledPerSecond() {
        ProxyCounters c = TrafficStats.unpublished().frontend("fe");
        for (int i = 0; i < 7; i++) {
            c.sessionOpened();
            c.request();
        }
        c.sampleRates();
        assertThat(c.sessionRate()).isEqualTo(7);
        c.request();
        c.sampleRates();
        assertThat(c.requestRate()).isEqualTo(1);
        assertThat(c.sessionRate()).isZero();
        assertThat(c.requestRateMax()).isEqualTo(7);
        assertThat(c.sessionRateMax()).isEqualTo(7);
    }

    @Test
    void countersSurviveSwapsByNameAndGoneNamesAreUnpublished() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TrafficStats stats = new TrafficStats(registry);
        stats.frontend("fe").request();
        stats.backend("be").server("a").sessionOpened();
        stats.backend("be").server("b").sessionOpened();
        stats.frontend("old").request();
        assertThat(registry.find("lb.server.sessions").tag("server", "b").functionCounter()).isNotNull();

        stats.retain(snapshot("  server a 127.0.0.1:8080\n"));

        assertThat(stats.backend("be").server("a").sessionsTotal()).isEqualTo(1);
        assertThat(stats.backend("be").existingServer("b")).isNull();
        assertThat(stats.existingFrontend("old")).isNull();
        assertThat(stats.frontend("fe").requests()).isEqualTo(1);
        assertThat(registry.find("lb.server.sessions").tag("server", "b").functionCounter()).isNull();
        assertThat(registry.find("lb.frontend.requests").tag("frontend", "old").functionCounter()).isNull();
        assertThat(registry.find("lb.server.sessions").tag("server", "a").functionCounter().count()).isEqualTo(1.0);
        stats.backend("be").server("a").checkResult(false);
        stats.backend("be").server("a").checkResult(true);
        stats.backend("be").server("a").checkResult(true);
        assertThat(registry.find("lb.server.checks").tags("server", "a", "result", "passed").functionCounter().count())
                .isEqualTo(2.0);
        assertThat(registry.find("lb.server.checks").tags("server", "a", "result", "failed").functionCounter().count())
                .isEqualTo(1.0);
    }

    @Test
    void ctimeCountsRequestsOnReusedConnectionsAsZero() {
        BackendCounters be = TrafficStats.unpublished().backend("be");
        assertThat(be.meanConnectMillis()).isZero();
        // Four forwarded requests, two of them on new connections (10 ms and 30 ms), two on pooled ones.
        for (int i = 0; i < 4; i++) {
            be.totals().sessionOpened();
        }
        be.recordConnectTime(TimeUnit.MILLISECONDS.toNanos(10));
        be.recordConnectTime(TimeUnit.MILLISECONDS.toNanos(30));
        assertThat(be.connectTime().count()).isEqualTo(2);
        assertThat(be.meanConnectMillis()).isEqualTo(10.0);
    }
}
