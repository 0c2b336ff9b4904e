package io.mlbj.core.proxy;

import static io.mlbj.core.proxy.Fixtures.LONG;
import static io.mlbj.core.proxy.Fixtures.backend;
import static io.mlbj.core.proxy.Fixtures.httpFrontend;
import static io.mlbj.core.proxy.Fixtures.localPort0;
import static io.mlbj.core.proxy.Fixtures.server;
import static io.mlbj.core.proxy.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mlbj.core.LbServer;
import io.mlbj.core.LbServerOptions;
import io.mlbj.core.admin.BackendCounters;
import io.mlbj.core.demo.EchoBackend;
import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.BindAddress;
import io.mlbj.core.routing.HttpAction;
import io.mlbj.core.routing.HttpRule;
import io.mlbj.core.routing.LogFormat;
import io.mlbj.core.routing.ProxyMode;
import io.mlbj.core.routing.RequestCondition;
import io.mlbj.core.routing.RoutingTable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** End to end: a real LbServer in front of real echo backends, with the JDK HTTP client and raw sockets. */
class HttpProxyTest {
    private final List<EchoBackend> echoes = new ArrayList<>();
    private LbServer lb;
    private int port;

    @BeforeEach
    void startBackends() {
        for (String n : List.of("a", "b", "c")) {
            echoes.add(EchoBackend.start(n));
        }
    }

    @AfterEach
    void stop() {
        if (lb != null) {
            lb.close(java.time.Duration.ofSeconds(1));
        }
        echoes.forEach(EchoBackend::close);
    }

    private void startProxy(Backend be) {
        BindAddress bind = localPort0();
        RoutingTable table = new RoutingTable(snapshot(List.of(httpFrontend(bind, be.name(), LONG)), be));
        lb = new LbServer(table, LbServerOptions.of(TestRoundRobin::new).withIoThreads(2)).start();
        port = lb.boundAddress(bind).getPort();
    }

    private Backend threeServers(boolean serverClose, List<HttpRule> rules) {
        return backend("be", ProxyMode.HTTP, LONG, serverClose, rules,
                server("a", echoes.get(0).port()), server("b", echoes.get(1).port()), server("c", echoes.get(2).port()));
    }

    @Test
    void balancesInTurnAndReusesConnectionsOnBothSides() throws Exception {
        startProxy(threeServers(false, List.of()));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            HttpResponse<String> r = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            order.add(r.headers().firstValue(EchoBackend.NAME_HEADER).orElseThrow());
        }
        assertThat(order).containsExactly("a", "b", "c", "a", "b", "c", "a", "b", "c");
        // Sequential requests on one client connection: one pooled connection per server suffices.
        for (EchoBackend e : echoes) {
            assertThat(e.connectionsAccepted()).isEqualTo(1);
            assertThat(e.requestsReceived()).isEqualTo(3);
        }
        // Only the three new connections are timed; ctime averages the six reuses in as 0.
        BackendCounters counters = lb.metrics().traffic().backend("be");
        assertThat(counters.connectTime().count()).isEqualTo(3);
        assertThat(counters.totals().sessionsTotal()).isEqualTo(9);
        assertThat(counters.meanConnectMillis() * 9)
                .isCloseTo(counters.connectTime().totalTime(TimeUnit.MILLISECONDS), within(1e-9));
    }

    @Test
    void weightedRoundRobinFollowsHaproxyOrder() throws Exception {
        Backend be = backend("be", LONG, server("a", echoes.get(0).port(), 3), server("b", echoes.get(1).port(), 1));
        BindAddress bind = localPort0();
        RoutingTable table = new RoutingTable(snapshot(List.of(httpFrontend(bind, be.name(), LONG)), be));
        lb = new LbServer(table, LbServerOptions.defaults().withIoThreads(2)).start();
        port = lb.boundAddress(bind).getPort();
        List<String> order = new ArrayList<>();
        try (RawHttp c = new RawHttp(port)) {
            for (int i = 0; i < 8; i++) {
                order.add(c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read(false).header(EchoBackend.NAME_HEADER));
            }
        }
        // HAProxy 2.x fwrr order for weights 3:1 (reference: haproxy-and-peers.md section 2.1).
        assertThat(order).containsExactly("a", "a", "a", "b", "a", "a", "a", "b");
    }

    @Test
    void serverCloseOpensOneConnectionPerRequest() throws Exception {
        startProxy(threeServers(true, List.of()));
        try (RawHttp c = new RawHttp(port)) {
            for (int i = 0; i < 6; i++) {
                RawHttp.Response r = c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read(false);
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.bodyText()).contains("connection: close");
            }
        }
        assertThat(echoes.stream().mapToInt(EchoBackend::connectionsAccepted).sum()).isEqualTo(6);
        assertThat(lb.metrics().traffic().backend("be").connectTime().count()).isEqualTo(6);
    }

    @Test
    void addsForwardingHeadersAndStripsHopByHopOnes() throws Exception {
        List<HttpRule> rules = List.of(
                new HttpRule(new HttpAction.SetHeader("X-Forwarded-Port",
                        new LogFormat(List.of(new LogFormat.Fetch("dst_port", v -> Integer.toString(v.frontendPort()))),
                                "%[dst_port]")), RequestCondition.ALWAYS, "set-header"),
                new HttpRule(new HttpAction.AddHeader("X-Forwarded-Proto", LogFormat.literal("http")),
                        RequestCondition.ALWAYS, "add-header"));
        startProxy(threeServers(false, rules));
        try (RawHttp c = new RawHttp(port)) {
            RawHttp.Response r = c.send("GET /h HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 1.2.3.4\r\n"
                    + "X-Forwarded-Proto: https\r\nConnection: keep-alive, X-Secret\r\nX-Secret: s\r\n"
                    + "Keep-Alive: timeout=5\r\nProxy-Connection: keep-alive\r\nX-Kept: k\r\n\r\n").read(false);
            String body = r.bodyText().toLowerCase();
            // The client's value stays and ours is appended as a separate, later line.
            assertThat(body.indexOf("x-forwarded-for: 1.2.3.4\n")).isNotNegative()
                    .isLessThan(body.indexOf("x-forwarded-for: 127.0.0.1\n"));
            assertThat(body).contains("x-forwarded-port: " + port);
            assertThat(body).contains("x-forwarded-proto: http\n").doesNotContain("x-forwarded-proto: https");
            assertThat(body).contains("x-kept: k").doesNotContain("x-secret").doesNotContain("keep-alive: timeout")
                    .doesNotContain("proxy-connection");
        }
    }

    @Test
    void headAnd204And304HaveNoBody() throws Exception {
        startProxy(threeServers(false, List.of()));
        try (RawHttp c = new RawHttp(port)) {
            RawHttp.Response head = c.send("HEAD /x HTTP/1.1\r\nHost: x\r\n\r\n").read(true);
            assertThat(head.status()).isEqualTo(200);
            assertThat(Integer.parseInt(head.header("Content-Length"))).isPositive();
            RawHttp.Response noContent = c.send("GET /status/204 HTTP/1.1\r\nHost: x\r\n\r\n").read(false);
            assertThat(noContent.status()).isEqualTo(204);
            RawHttp.Response notModified = c.send("GET /status/304 HTTP/1.1\r\nHost: x\r\n\r\n").read(false);
            assertThat(notModified.status()).isEqualTo(304);
            // The connection is still in sync: a normal request after them works.
            RawHttp.Response after = c.send("GET /after HTTP/1.1\r\nHost: x\r\n\r\n").read(false);
            assertThat(after.bodyText()).contains("GET /after");
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        startProxy(threeServers(false, List.of()));
        try (RawHttp c = new RawHttp(port)) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < 5; i++) {
                all.append("GET /p").append(i).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
            }
            all.append("POST /p5 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
            all.append("GET /p6 HTTP/1.1\r\nHost: x\r\n\r\n");
            c.send(all.toString());
            for (int i = 0; i < 5; i++) {
                assertThat(c.read(false).bodyText()).contains("GET /p" + i + " ");
            }
            assertThat(c.read(false).bodyText()).isEqualTo("hello");
            assertThat(c.read(false).bodyText()).contains("GET /p6 ");
        }
    }

    // A connection decodes a request head into an earlier, finished request: requests read while
    // another is in progress, and heads shorter than the arrays they land in, must still go out as sent.
    @Test
    void requestsKeepTheirOwnFieldsWhenEarlierRequestsAreDecodedInto() throws Exception {
        startProxy(threeServers(false, List.of()));
        try (RawHttp c = new RawHttp(port)) {
            for (int round = 0; round < 3; round++) {
                StringBuilder all = new StringBuilder();
                List<String> tags = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    String tag = round + "-" + i + "-" + "x".repeat((i * 37 + round * 53) % 120);
                    tags.add(tag);
                    all.append("GET /k").append(i).append(" HTTP/1.1\r\nHost: x\r\nX-Tag: ").append(tag);
                    all.append(i % 2 == 0 ? "\r\nAccept: */*\r\n\r\n" : "\r\n\r\n");
                }
                c.send(all.toString());
                for (int i = 0; i < 6; i++) {
                    String body = c.read(false).bodyText();
                    assertThat(body).contains("GET /k" + i + " ").contains("X-Tag: " + tags.get(i) + "\n");
                    assertThat(body.contains("Accept: */*")).isEqualTo(i % 2 == 0);
                }
            }
            for (int n = 100; n >= 0; n -= 25) {
                String body = c.send("GET /one HTTP/1.1\r\nHost: x\r\nX-Tag: " + "y".repeat(n) + "\r\n\r\n").read(false).bodyText();
                assertThat(body).contains("X-Tag: " + "y".repeat(n) + "\n").doesNotContain("Accept");
            }
        }
    }

    @Test
    void eachRequestOfAConnectionIsForwardedOnItsOwnTerms() throws Exception {
        // One connection's requests differ in server, body, framing and answer: nothing of one (the server
        // chosen, a body still expected, a close asked for) may carry over to the next.
        HttpRule moved = new HttpRule(new HttpAction.Redirect(HttpAction.Redirect.Kind.LOCATION,
                LogFormat.literal("/new"), 302, false), view -> view.path().startsWith("/moved"), "redirect");
        startProxy(threeServers(false, List.of(moved)));
        try (RawHttp c = new RawHttp(port)) {
            List<String> servers = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                RawHttp.Response get = c.send("GET /g" + round + " HTTP/1.1\r\nHost: x\r\n\r\n").read(false);
                assertThat(get.bodyText()).contains("GET /g" + round + " ");
                servers.add(get.header(EchoBackend.NAME_HEADER));
                RawHttp.Response post = c.send("POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello").read(false);
                assertThat(post.bodyText()).isEqualTo("hello");
                servers.add(post.header(EchoBackend.NAME_HEADER));
                RawHttp.Response redirect = c.send("GET /moved HTTP/1.1\r\nHost: x\r\n\r\n").read(false);
                assertThat(redirect.status()).isEqualTo(302);
                assertThat(redirect.header("Location")).isEqualTo("/new");
                RawHttp.Response chunked = c.send("POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "3\r\nabc\r\n0\r\n\r\n").read(false);
                assertThat(chunked.bodyText()).isEqualTo("abc");
                servers.add(chunked.header(EchoBackend.NAME_HEADER));
            }
            assertThat(servers).containsExactly("a", "b", "c", "a", "b", "c");
            RawHttp.Response last = c.send("GET /last HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").read(false);
            assertThat(last.bodyText()).contains("GET /last ").doesNotContain("connection: close");
            assertThat(last.header("Connection")).isEqualTo("close");
            assertThat(c.closedByPeer()).isTrue();
        }
    }

    @Test
    void chunkedBodiesBothWays() throws Exception {
        startProxy(threeServers(false, List.of()));
        try (RawHttp c = new RawHttp(port)) {
            RawHttp.Response r = c.send("POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n").read(false);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Transfer-Encoding")).isEqualToIgnoringCase("chunked");
            assertThat(r.bodyText()).isEqualTo("hello world");
            RawHttp.Response again = c.send("GET /again HTTP/1.1\r\nHost: x\r\n\r\n").read(false);
            assertThat(again.status()).isEqualTo(200);
        }
    }

    @Test
    void expectContinueIsRelayed() throws Exception {
        startProxy(threeServers(false, List.of()));
        try (RawHttp c = new RawHttp(port)) {
            c.send("POST /e HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
            RawHttp.Response cont = c.read(false);
            assertThat(cont.status()).isEqualTo(100);
            RawHttp.Response r = c.send("data").read(false);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.bodyText()).isEqualTo("data");
        }
    }

    @Test
    void requestWithBothTransferEncodingAndContentLengthIsRejected() throws Exception {
        startProxy(threeServers(false, List.of()));
        try (RawHttp c = new RawHttp(port)) {
            // Netty 4.2.18's parser rejects the ambiguous framing outright (RFC 9112 section 6.1 allows it).
            RawHttp.Response r = c.send("POST /s HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n").read(false);
            assertThat(r.status()).isEqualTo(400);
            assertThat(c.closedByPeer()).isTrue();
        }
        assertThat(echoes.stream().mapToInt(EchoBackend::requestsReceived).sum()).isZero();
    }

    @Test
    void clientThatHalfClosesAfterItsRequestGetsTheAnswer() throws Exception {
        startProxy(threeServers(false, List.of()));
        try (RawHttp c = new RawHttp(port)) {
            c.send("GET /half HTTP/1.1\r\nHost: x\r\n\r\n");
            c.socket().shutdownOutput();
            RawHttp.Response r = c.read(false);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.bodyText()).contains("GET /half");
            assertThat(c.closedByPeer()).isTrue();
        }
    }

    @Test
    void http10ClientGetsAChunkedAnswerUnchunkedAndDelimitedByClose() throws Exception {
        startProxy(threeServers(false, List.of()));
        try (RawHttp c = new RawHttp(port)) {
            RawHttp.Response r = c.send("POST /old HTTP/1.0\r\nConnection: keep-alive\r\nContent-Length: 5\r\n\r\nhello")
                    .read(false);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Transfer-Encoding")).isNull();
            assertThat(r.header("Connection")).isEqualTo("close");
            assertThat(r.bodyText()).isEqualTo("hello");
        }
    }

    @Test
    void http10ClientGetsItsConnectionClosed() throws Exception {
        startProxy(threeServers(false, List.of()));
        try (RawHttp c = new RawHttp(port)) {
            RawHttp.Response r = c.send("GET /old HTTP/1.0\r\n\r\n").read(false);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.bodyText()).contains("GET /old");
            assertThat(c.closedByPeer()).isTrue();
        }
    }
}
