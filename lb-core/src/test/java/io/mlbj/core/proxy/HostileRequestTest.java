package io.mlbj.core.proxy;

import static io.mlbj.core.proxy.Fixtures.LONG;
import static io.mlbj.core.proxy.Fixtures.backend;
import static io.mlbj.core.proxy.Fixtures.httpFrontend;
import static io.mlbj.core.proxy.Fixtures.localPort0;
import static io.mlbj.core.proxy.Fixtures.server;
import static io.mlbj.core.proxy.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.LbServer;
import io.mlbj.core.LbServerOptions;
import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.Frontend;
import io.mlbj.core.routing.RoutingTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed, ambiguous and oversized requests over a raw socket, through the real proxy to a backend that
 * records what it received. Each row: the bytes, the status expected from the proxy, whether the
 * connection stays usable (checked with a second request), and how many complete requests the backend
 * may see. No row may let a request named {@code /smuggled} reach the backend.
 */
class HostileRequestTest {
    private static final String OK_GET = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
    private static final String SMUGGLED = "GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n";

    /** One row of the table. */
    record Case(String name, String bytes, int status, boolean staysOpen, int forwarded) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static RecordingBackend backend;
    private static LbServer lb;
    private static int port;
    private static LeakCheck leakCheck;

    @BeforeAll
    static void start() {
        leakCheck = LeakCheck.start();
        backend = new RecordingBackend();
        Backend be = backend("be", LONG, server("s0", backend.port()));
        Frontend fe = httpFrontend(localPort0(), "be", LONG);
        lb = new LbServer(new RoutingTable(snapshot(List.of(fe), be)),
                LbServerOptions.of(TestRoundRobin::new).withIoThreads(1)).start();
        port = lb.boundAddress(fe.binds().get(0)).getPort();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        lb.close(Duration.ofSeconds(1));
        backend.close();
        List<String> leaks = leakCheck.leaks();
        leakCheck.close();
        assertThat(leaks).as("Netty leak reports").isEmpty();
    }

    private static Case ok(String name, String bytes) {
        return new Case(name, bytes, 200, true, 1);
    }

    private static Case bad(String name, String bytes) {
        return new Case(name, bytes, 400, false, 0);
    }

    private static String get(String headers) {
        return "GET / HTTP/1.1\r\nHost: x\r\n" + headers + "\r\n";
    }

    private static String post(String headers, String body) {
        return "POST / HTTP/1.1\r\nHost: x\r\n" + headers + "\r\n" + body;
    }

    private static String fields(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append("X-F").append(i).append(": v\r\n");
        }
        return sb.toString();
    }

    static Stream<Case> cases() {
        String filler = "X-Fill: " + "a".repeat(14_900) + "\r\n";
        String tooBig = "X-Fill: " + "a".repeat(16_000) + "\r\n";
        List<Case> c = new ArrayList<>(List.of(
                // ---- accepted ----
                ok("plain GET", OK_GET),
                ok("one empty line before the request line", "\r\n" + OK_GET),
                ok("POST with Content-Length", post("Content-Length: 5\r\n", "hello")),
                ok("POST chunked", post("Transfer-Encoding: chunked\r\n", "5\r\nhello\r\n0\r\n\r\n")),
                ok("chunk extension", post("Transfer-Encoding: chunked\r\n", "5;ext=1\r\nhello\r\n0\r\n\r\n")),
                ok("chunked with a trailer", post("Transfer-Encoding: chunked\r\n", "5\r\nhello\r\n0\r\nX-T: 1\r\n\r\n")),
                ok("Transfer-Encoding in upper case", post("Transfer-Encoding: CHUNKED\r\n", "1\r\na\r\n0\r\n\r\n")),
                ok("tab as optional whitespace", post("Transfer-Encoding:\tchunked\r\n", "1\r\na\r\n0\r\n\r\n")),
                ok("Content-Length 0", get("Content-Length: 0\r\n")),
                ok("Content-Length with leading zeros", post("Content-Length: 005\r\n", "hello")),
                new Case("HTTP/1.0 closes after its answer", "GET / HTTP/1.0\r\n\r\n", 200, false, 1),
                ok("HTTP/1.0 keep-alive", "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"),
                ok("absolute form matching Host", "GET http://x/a HTTP/1.1\r\nHost: x\r\n\r\n"),
                ok("HTTP/1.1 without Host (HAProxy accepts)", "GET / HTTP/1.1\r\n\r\n"),
                ok("OPTIONS *", "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n"),
                ok("obs-text in a value", get("X-A: caf\u00e9\r\n")),
                ok("tab inside a value", get("X-A: a\tb\r\n")),
                ok("empty value", get("X-E:\r\n")),
                ok("extension method", "PURGE / HTTP/1.1\r\nHost: x\r\n\r\n"),
                ok("Host with a port", "GET / HTTP/1.1\r\nHost: x:8080\r\n\r\n"),
                ok("100 header fields", "GET / HTTP/1.1\r\n" + fields(100) + "\r\n"),
                ok("15 KB head", get(filler)),
                ok("10 KB request target", "GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n"),
                // ---- Content-Length ----
                bad("two different Content-Length", post("Content-Length: 3\r\nContent-Length: 4\r\n", "abcd")),
                bad("two equal Content-Length", post("Content-Length: 4\r\nContent-Length: 4\r\n", "abcd")),
                bad("Content-Length list", post("Content-Length: 4, 4\r\n", "abcd")),
                bad("Content-Length with sign", post("Content-Length: +4\r\n", "abcd")),
                bad("negative Content-Length", post("Content-Length: -1\r\n", "")),
                bad("empty Content-Length", post("Content-Length:\r\n", "")),
                bad("hexadecimal Content-Length", post("Content-Length: 0x4\r\n", "abcd")),
                bad("Content-Length overflow", post("Content-Length: 99999999999999999999\r\n", "")),
                bad("empty then real Content-Length", post("Content-Length:\r\nContent-Length: 4\r\n", "abcd")),
                bad("space before the colon of Content-Length", post("Content-Length : 4\r\n", "abcd")),
                // ---- Transfer-Encoding ----
                bad("CL.TE smuggling", post("Content-Length: 6\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n" + SMUGGLED)),
                bad("TE.CL smuggling", post("Transfer-Encoding: chunked\r\nContent-Length: 3\r\n",
                        Integer.toHexString(SMUGGLED.length()) + "\r\n" + SMUGGLED + "\r\n0\r\n\r\n")),
                bad("chunked twice in one field", post("Transfer-Encoding: chunked, chunked\r\n", "0\r\n\r\n")),
                bad("Transfer-Encoding repeated", post("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n")),
                bad("coding before chunked", post("Transfer-Encoding: gzip, chunked\r\n", "0\r\n\r\n")),
                bad("chunked not last", post("Transfer-Encoding: chunked, identity\r\n", "0\r\n\r\n" + SMUGGLED)),
                bad("identity alone", post("Transfer-Encoding: identity\r\n", SMUGGLED)),
                bad("xchunked", post("Transfer-Encoding: xchunked\r\n", "0\r\n\r\n" + SMUGGLED)),
                bad("space before the colon of Transfer-Encoding",
                        post("Transfer-Encoding : chunked\r\nContent-Length: 5\r\n", "0\r\n\r\n" + SMUGGLED)),
                bad("vertical tab before chunked", post("Transfer-Encoding: \u000bchunked\r\n", "0\r\n\r\n")),
                bad("Transfer-Encoding on HTTP/1.0",
                        "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + SMUGGLED),
                bad("obs-fold in Transfer-Encoding", post("Transfer-Encoding:\r\n chunked\r\nContent-Length: 5\r\n", "0\r\n\r\n")),
                // ---- line syntax ----
                bad("obs-fold", get("X-A: a\r\n b\r\n")),
                bad("bare LF line endings", "GET / HTTP/1.1\nHost: x\n\n"),
                bad("bare LF inside a value", get("X-A: a\nb\r\n")),
                bad("bare CR inside a value", get("X-A: a\rb\r\n")),
                bad("bare CR in the request line", "GET /\r HTTP/1.1\r\nHost: x\r\n\r\n"),
                bad("bare LF ending the head", "GET / HTTP/1.1\r\nHost: x\r\n\n" + SMUGGLED),
                bad("space before the colon", "GET / HTTP/1.1\r\nHost : x\r\n\r\n"),
                bad("tab before the colon", get("X-A\t: v\r\n")),
                bad("line without a colon", get("X-A v\r\n")),
                bad("empty header name", get(": v\r\n")),
                bad("NUL in a value", get("X-A: a\u0000b\r\n")),
                bad("DEL in a value", get("X-A: a\u007fb\r\n")),
                bad("separator in a header name", get("X(A): v\r\n")),
                bad("whitespace before the first field", "GET / HTTP/1.1\r\n Host: x\r\n\r\n"),
                bad("too many empty lines first", "\r\n\r\n\r\n\r\n\r\n" + OK_GET),
                // ---- request line ----
                bad("HTTP/0.9 request", "GET /\r\n\r\n"),
                bad("lower-case version", "GET / http/1.1\r\nHost: x\r\n\r\n"),
                new Case("HTTP/2.0 over HTTP/1", "GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505, false, 0),
                new Case("HTTP/1.2", "GET / HTTP/1.2\r\nHost: x\r\n\r\n", 505, false, 0),
                bad("version without minor", "GET / HTTP/3\r\nHost: x\r\n\r\n"),
                bad("two spaces after the method", "GET  / HTTP/1.1\r\nHost: x\r\n\r\n"),
                bad("tab as separator", "GET\t/ HTTP/1.1\r\nHost: x\r\n\r\n"),
                bad("space after the version", "GET / HTTP/1.1 \r\nHost: x\r\n\r\n"),
                bad("control byte in the target", "GET /a\u0001b HTTP/1.1\r\nHost: x\r\n\r\n"),
                bad("8-bit byte in the target", "GET /a\u00ffb HTTP/1.1\r\nHost: x\r\n\r\n"),
                bad("separator in the method", "G(T / HTTP/1.1\r\nHost: x\r\n\r\n"),
                bad("empty method", " / HTTP/1.1\r\nHost: x\r\n\r\n"),
                bad("TLS ClientHello on a plain port", "\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000\u00a1\u0003\u0003"),
                // ---- request target ----
                bad("absolute form with another Host", "GET http://other/ HTTP/1.1\r\nHost: x\r\n\r\n"),
                bad("absolute form with scheme ftp", "GET ftp://x/ HTTP/1.1\r\nHost: x\r\n\r\n"),
                bad("absolute form with user info", "GET http://u@x/ HTTP/1.1\r\nHost: x\r\n\r\n"),
                bad("absolute form with an empty authority", "GET http:///a HTTP/1.1\r\nHost: x\r\n\r\n"),
                bad("asterisk with GET", "GET * HTTP/1.1\r\nHost: x\r\n\r\n"),
                bad("target in no known form", "GET x HTTP/1.1\r\nHost: x\r\n\r\n"),
                // ---- Host ----
                bad("two Host fields", "GET / HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n"),
                bad("Host with a space", "GET / HTTP/1.1\r\nHost: a b\r\n\r\n"),
                bad("Host with user info", "GET / HTTP/1.1\r\nHost: u@x\r\n\r\n"),
                bad("Host with a path", "GET / HTTP/1.1\r\nHost: x/y\r\n\r\n"),
                // ---- limits ----
                bad("101 header fields", "GET / HTTP/1.1\r\n" + fields(101) + "\r\n"),
                bad("16 KB head", get(tooBig)),
                bad("16 KB request target", "GET /" + "a".repeat(16_000) + " HTTP/1.1\r\nHost: x\r\n\r\n"),
                // ---- chunked bodies (the head may reach the backend, the request never completes) ----
                bad("invalid chunk size", post("Transfer-Encoding: chunked\r\n", "zz\r\nhello\r\n0\r\n\r\n")),
                bad("chunk size line ended by LF", post("Transfer-Encoding: chunked\r\n", "5\nhello\r\n0\r\n\r\n")),
                bad("chunk size overflow", post("Transfer-Encoding: chunked\r\n", "fffffffffffffffffff\r\nhello\r\n0\r\n\r\n")),
                bad("negative chunk size", post("Transfer-Encoding: chunked\r\n", "-5\r\nhello\r\n0\r\n\r\n")),
                bad("hexadecimal prefix in chunk size", post("Transfer-Encoding: chunked\r\n", "0x5\r\nhello\r\n0\r\n\r\n")),
                bad("chunk data without its CRLF", post("Transfer-Encoding: chunked\r\n", "5\r\nhelloX\r\n0\r\n\r\n" + SMUGGLED))));
        return c.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachRowGetsItsStatusAndConnectionFate(Case row) throws Exception {
        backend.clear();
        try (RawHttp c = new RawHttp(port)) {
            RawHttp.Response r = c.send(row.bytes()).read(false);
            assertThat(r.status()).as("status").isEqualTo(row.status());
            if (row.staysOpen()) {
                assertThat(c.send(OK_GET).read(false).status()).as("second request on the same connection").isEqualTo(200);
            } else {
                assertThat(r.status() == 200 || "close".equals(r.header("Connection"))).as("Connection: close").isTrue();
                assertThat(c.closedByPeer()).as("closed by the proxy").isTrue();
            }
        }
        int expected = row.forwarded() + (row.staysOpen() ? 1 : 0);
        assertThat(backend.requests()).as("complete requests at the backend").hasSize(expected);
        assertThat(backend.rawReceived()).doesNotContain("smuggled");
    }

    @Test
    void theTableHasAtLeastSixtyRows() {
        assertThat(cases().count()).isGreaterThanOrEqualTo(60);
    }

    @Test
    void aValidRequestFollowedByAnInvalidOneIsAnsweredThenRefused() throws Exception {
        backend.clear();
        try (RawHttp c = new RawHttp(port)) {
            c.send(OK_GET + "GET / HTTP/1.1\r\nHost : x\r\n\r\n" + SMUGGLED);
            assertThat(c.read(false).status()).isEqualTo(200);
            assertThat(c.read(false).status()).isEqualTo(400);
            assertThat(c.closedByPeer()).isTrue();
        }
        assertThat(backend.requests()).hasSize(1);
        assertThat(backend.rawReceived()).doesNotContain("smuggled");
    }

    @Test
    void aHeadArrivingOneByteAtATimeIsCheckedAsAWhole() throws Exception {
        backend.clear();
        try (RawHttp c = new RawHttp(port)) {
            for (char ch : "GET /slow HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n\r\n".toCharArray()) {
                c.send(String.valueOf(ch));
            }
            assertThat(c.read(false).status()).isEqualTo(200);
            for (char ch : "GET / HTTP/1.1\r\nX-A : 1\r\n\r\n".toCharArray()) {
                c.send(String.valueOf(ch));
            }
            assertThat(c.read(false).status()).isEqualTo(400);
        }
        assertThat(backend.requests()).extracting(RecordingBackend.Received::uri).containsExactly("/slow");
    }
}
