package io.mlbj.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.bench.load.ScriptedHttpServer.Reply;
import io.mlbj.bench.load.ScriptedHttpServer.Seen;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** End-to-end runs of the load tool against real servers on 127.0.0.1. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LoadRunTest {

    @Test
    void closedLoopSendsExactlyTheRequestedNumberAndRecordsEveryResponse() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer((req, i, c) -> Reply.ok("hello"))) {
            LoadResult r = TestConfig.target(server).connections(4).requests(500).run();

            assertThat(r.requests()).isEqualTo(500);
            assertThat(r.responses()).isEqualTo(500);
            assertThat(r.ok()).isEqualTo(500);
            assertThat(r.errors()).isZero();
            assertThat(r.bytes()).isEqualTo(500 * 5);
            assertThat(server.requests()).isEqualTo(500);
            assertThat(server.connections()).isEqualTo(4);
            assertThat(server.seen()).allSatisfy(s -> assertThat(s.uri()).isEqualTo("/path?q=1"));
            assertOrderedPercentiles(r.latency(), 500);
        }
    }

    @Test
    void severalEventLoopsShareTheRequestCountExactly() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer((req, i, c) -> Reply.ok("hello"))) {
            TestConfig config = TestConfig.target(server).connections(6).requests(300);
            config.threads = 3;
            LoadResult r = config.run();

            assertThat(r.responses()).isEqualTo(300);
            assertThat(server.requests()).isEqualTo(300);
            assertOrderedPercentiles(r.latency(), 300);
        }
    }

    @Test
    void postSendsTheConfiguredBodyAndHeaders() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer((req, i, c) ->
                Reply.ok(req.headers().get("X-Test", "missing")))) {
            TestConfig config = TestConfig.target(server).connections(1).requests(10);
            config.method = "POST";
            config.bodySize = 1024;
            config.headers.add("X-Test: yes");
            LoadResult r = config.run();

            assertThat(r.ok()).isEqualTo(10);
            assertThat(r.bytes()).isEqualTo(10 * 3);
            assertThat(server.seen()).hasSize(10).allSatisfy(s -> {
                assertThat(s.method()).isEqualTo("POST");
                assertThat(s.bodyBytes()).isEqualTo(1024);
            });
        }
    }

    @Test
    void httpsWithSniAndAlpnAndOneConnectionPerRequest() throws Exception {
        ThrowawayCertificate cert = ThrowawayCertificate.generate("localhost");
        SslContext serverSsl = SslContextBuilder.forServer(cert.key(), cert.certificate())
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_1_1))
                .build();
        try (ScriptedHttpServer server = new ScriptedHttpServer((req, i, c) -> Reply.ok("tls"), serverSsl)) {
            LoadResult keepAlive = TestConfig.target("https://localhost:" + server.port() + "/").connections(2)
                    .requests(40).run();
            assertThat(keepAlive.ok()).isEqualTo(40);
            assertThat(keepAlive.errors()).isZero();
            assertThat(server.connections()).isEqualTo(2);
            assertThat(server.sniHostnames()).contains("localhost");
            assertThat(server.alpnProtocols()).hasSize(40).containsOnly("http/1.1");

            // A virtual host name travels in SNI while the connection goes to loopback.
            TestConfig vhost = TestConfig.target("https://app.example.test:" + server.port() + "/").requests(4);
            vhost.connectTo = "127.0.0.1";
            assertThat(vhost.run().ok()).isEqualTo(4);
            assertThat(server.sniHostnames()).contains("app.example.test");
            assertThat(server.seen().get(server.seen().size() - 1).host()).isEqualTo("app.example.test:" + server.port());
            int before = server.connections();

            TestConfig perRequest = TestConfig.target("https://localhost:" + server.port() + "/").connections(2)
                    .requests(20);
            perRequest.newConnectionPerRequest = true;
            LoadResult r = perRequest.run();
            assertThat(r.ok()).isEqualTo(20);
            assertThat(r.errors()).isZero();
            assertThat(server.connections()).isEqualTo(before + 20);
            assertOrderedPercentiles(r.latency(), 20);
        }
    }

    @Test
    void openLoopIssuesTheScheduledNumberOfRequests() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer((req, i, c) -> Reply.ok("ok"))) {
            // 200 req/s for 2 s: the schedule holds 400 intended send times, whatever the timing noise.
            LoadResult r = TestConfig.target(server).connections(4).rate(200).duration(Duration.ofSeconds(2)).run();

            assertThat(r.requests()).isBetween(360L, 440L);
            assertThat(r.responses()).isEqualTo(r.requests());
            assertThat(r.errors()).isZero();
            assertThat(r.config().openLoop()).isTrue();
        }
    }

    @Test
    void openLoopChargesAStallToEveryRequestItDelayed() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer((req, i, c) ->
                i == 40 ? new Reply(200, java.util.Map.of(), "slow", 500) : Reply.ok("ok"))) {
            // One user at 100 req/s: while request 40 stalls for 500 ms, about 50 intended sends pass.
            LoadResult r = TestConfig.target(server).connections(1).rate(100).duration(Duration.ofSeconds(2)).run();

            long slowCorrected = r.latency().getCountBetweenValues(400_000, RunStats.HIGHEST_MICROS);
            long slowUncorrected = r.uncorrectedLatency().getCountBetweenValues(400_000, RunStats.HIGHEST_MICROS);
            assertThat(slowUncorrected).isEqualTo(1);
            assertThat(slowCorrected).isGreaterThan(slowUncorrected + 3);
            assertThat(r.latency().getTotalCount()).isEqualTo(r.uncorrectedLatency().getTotalCount());
        }
    }

    @Test
    void cookieJarSendsBackTheSessionOfEachUserAcrossReconnects() throws Exception {
        Set<String> issued = ConcurrentHashMap.newKeySet();
        try (ScriptedHttpServer server = new ScriptedHttpServer((req, i, c) -> {
            String cookie = req.headers().get("Cookie");
            if (cookie == null) {
                String session = "s" + i;
                issued.add(session);
                return Reply.ok("new").withHeader("Set-Cookie", "JSESSIONID=" + session + "; Path=/; HttpOnly");
            }
            return Reply.ok("known");
        })) {
            TestConfig config = TestConfig.target(server).connections(3).requests(30);
            config.cookies = true;
            config.newConnectionPerRequest = true;
            LoadResult r = config.run();

            assertThat(r.ok()).isEqualTo(30);
            List<Seen> seen = server.seen();
            assertThat(seen.stream().filter(s -> s.cookieHeader() == null)).hasSize(3);
            assertThat(issued).hasSize(3);
            assertThat(seen.stream().filter(s -> s.cookieHeader() != null))
                    .hasSize(27)
                    .allSatisfy(s -> assertThat(issued).contains(s.cookieHeader().replace("JSESSIONID=", "")));
            assertThat(server.connections()).isEqualTo(30);
        }
    }

    @Test
    void withoutCookieJarNoCookieIsSent() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer((req, i, c) ->
                Reply.ok("x").withHeader("Set-Cookie", "JSESSIONID=s" + i))) {
            TestConfig.target(server).connections(1).requests(5).run();
            assertThat(server.seen()).hasSize(5).allSatisfy(s -> assertThat(s.cookieHeader()).isNull());
        }
    }

    @Test
    void stickyCheckCountsServerSwitchesWithinAUserSession() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer((req, i, c) ->
                i >= 20 ? Reply.ok("anonymous") : Reply.ok("x").withHeader("X-Server", i % 2 == 0 ? "a" : "b"))) {
            TestConfig config = TestConfig.target(server).connections(1).requests(25);
            config.stickyCheck = true;
            LoadResult r = config.run();

            assertThat(r.stickySwitches()).isEqualTo(19);
            assertThat(r.stickyMissing()).isEqualTo(5);
        }
        try (ScriptedHttpServer server = new ScriptedHttpServer((req, i, c) ->
                Reply.ok("x").withHeader("X-Server", "conn" + c))) {
            TestConfig config = TestConfig.target(server).connections(3).requests(30);
            config.stickyCheck = true;
            LoadResult r = config.run();

            assertThat(r.stickySwitches()).isZero();
            assertThat(r.stickyMissing()).isZero();
        }
    }

    @Test
    void closedPortCountsConnectRefused() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        LoadResult r = TestConfig.target("http://127.0.0.1:" + port + "/").connections(2).requests(6).run();

        assertThat(r.responses()).isZero();
        assertThat(r.errors()).isEqualTo(6);
        assertThat(r.errorKinds()).containsEntry("connect_refused", 6L);
    }

    @Test
    void non2xxResponsesAreCountedByStatus() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer((req, i, c) ->
                new Reply(i % 2 == 0 ? 503 : 200, java.util.Map.of(), "busy", 0))) {
            LoadResult r = TestConfig.target(server).connections(1).requests(20).run();

            assertThat(r.responses()).isEqualTo(20);
            assertThat(r.ok()).isEqualTo(10);
            assertThat(r.errorKinds()).containsExactlyEntriesOf(java.util.Map.of("status_503", 10L));
        }
    }

    @Test
    void unansweredRequestsTimeOutAndClosedConnectionsAreCounted() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer((req, i, c) -> null)) {
            TestConfig config = TestConfig.target(server).connections(1).requests(2);
            config.timeout = Duration.ofMillis(300);
            LoadResult r = config.run();

            assertThat(r.errorKinds()).containsExactlyEntriesOf(java.util.Map.of("timeout", 2L));
        }
    }

    @Test
    void resetAndClosedConnectionsAreCountedByKind() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer((req, i, c) -> Reply.RESET)) {
            LoadResult r = TestConfig.target(server).connections(1).requests(5).run();

            assertThat(r.errors()).isEqualTo(5);
            assertThat(r.errorKinds().keySet()).isSubsetOf("reset", "closed").contains("reset");
        }
        try (ScriptedHttpServer server = new ScriptedHttpServer((req, i, c) -> Reply.CLOSE)) {
            LoadResult r = TestConfig.target(server).connections(1).requests(5).run();

            assertThat(r.errorKinds()).containsExactlyEntriesOf(java.util.Map.of("closed", 5L));
        }
    }

    @Test
    void headResponsesEndAfterTheHeaders() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer((req, i, c) -> Reply.ok("body!"))) {
            TestConfig config = TestConfig.target(server).connections(1).requests(5);
            config.method = "HEAD";
            config.timeout = Duration.ofSeconds(2);
            LoadResult r = config.run();

            assertThat(r.ok()).isEqualTo(5);
            assertThat(r.bytes()).isZero();
            assertThat(server.connections()).isEqualTo(1);
        }
    }

    @Test
    void warmupRequestsAreSentButNotRecorded() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer((req, i, c) -> Reply.ok("ok"))) {
            TestConfig config = TestConfig.target(server).connections(1).requests(50);
            config.warmup = Duration.ofMillis(300);
            LoadResult r = config.run();

            assertThat(r.responses()).isEqualTo(50);
            assertThat(r.latency().getTotalCount()).isEqualTo(50);
            assertThat(server.requests()).isGreaterThan(50);
        }
    }

    static void assertOrderedPercentiles(Histogram h, long count) {
        assertThat(h.getTotalCount()).isEqualTo(count);
        long p50 = h.getValueAtPercentile(50);
        long p90 = h.getValueAtPercentile(90);
        long p99 = h.getValueAtPercentile(99);
        long p999 = h.getValueAtPercentile(99.9);
        assertThat(p50).isPositive().isLessThanOrEqualTo(p90);
        assertThat(p90).isLessThanOrEqualTo(p99);
        assertThat(p99).isLessThanOrEqualTo(p999);
        assertThat(p999).isLessThanOrEqualTo(h.getMaxValue());
        assertThat(h.getMaxValue()).isLessThan(TimeUnit.SECONDS.toMicros(5));
    }
}
