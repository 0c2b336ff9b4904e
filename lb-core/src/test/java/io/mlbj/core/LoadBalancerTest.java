package io.mlbj.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlbj.core.demo.EchoBackend;
import io.mlbj.core.haproxy.ConfigException;
import io.mlbj.core.haproxy.MapFileReader;
import io.mlbj.core.proxy.RawHttp;
import io.mlbj.core.routing.BindAddress;
import io.mlbj.core.routing.ConfigWarning;
import io.mlbj.core.routing.RoutingSnapshot;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LoadBalancer} from config text to traffic: apply, change, reject, no-op, pooling switch. */
class LoadBalancerTest {
    private static final BindAddress BIND = new BindAddress("127.0.0.1", 0);

    @TempDir
    Path dir;

    private EchoBackend a;
    private EchoBackend b;
    private LoadBalancer lb;

    @BeforeEach
    void start() {
        a = EchoBackend.start("a");
        b = EchoBackend.start("b");
        lb = LoadBalancer.start(LoadBalancerSettings.defaults().withIoThreads(2));
    }

    @AfterEach
    void stop() {
        lb.close(Duration.ofSeconds(1));
        a.close();
        b.close();
    }

    /** A config with one frontend on 127.0.0.1:0 and backend {@code app} over {@code servers}. */
    static String config(String backendOptions, EchoBackend... servers) {
        StringBuilder t = new StringBuilder("""
                global
                  maxconn 50000
                defaults
                  mode http
                  retries 3
                  timeout connect 3s
                  timeout client 30s
                  timeout server 30s
                  timeout http-keep-alive 30s
                  timeout http-request 15s
                  option redispatch
                frontend web
                  bind 127.0.0.1:0
                  default_backend app
                backend app
                  balance roundrobin
                """);
        t.append(backendOptions);
        for (EchoBackend s : servers) {
            t.append("  server ").append(s.name()).append(" 127.0.0.1:").append(s.port()).append('\n');
        }
        return t.toString();
    }

    private int port() {
        return lb.boundAddress(BIND).getPort();
    }

    private static String backendOf(RawHttp.Response r) {
        return r.header(EchoBackend.NAME_HEADER);
    }

    private RawHttp.Response get(String path) throws IOException {
        try (RawHttp c = new RawHttp(port())) {
            return c.send("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").read(false);
        }
    }

    @Test
    void appliedConfigServesTrafficRoundRobin() throws Exception {
        ApplyResult r = lb.apply(config("", a, b), "test.cfg", MapFileReader.NONE);

        assertThat(r.changed()).isTrue();
        assertThat(r.diff().frontendsAdded()).containsExactly("web");
        assertThat(r.diff().backendsAdded()).containsExactly("app");
        assertThat(r.diff().serversAdded()).containsExactly("app/a", "app/b");
        assertThat(r.logLine()).contains("config test.cfg applied in", "frontends +1 -0, backends +1 -0, servers +2 -0 ~0");
        assertThat(lb.boundAddress("web")).isEqualTo(lb.boundAddress(BIND));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            RawHttp.Response resp = get("/hello");
            assertThat(resp.status()).isEqualTo(200);
            assertThat(resp.bodyText()).contains("GET /hello HTTP/1.1");
            seen.add(backendOf(resp));
        }
        assertThat(seen).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void changedServersTakeEffectOnTheSameListenerAndKeepAliveConnection() throws Exception {
        lb.apply(config("", a), "test.cfg", MapFileReader.NONE);
        InetSocketAddress before = lb.boundAddress(BIND);
        try (RawHttp c = new RawHttp(before.getPort())) {
            assertThat(backendOf(c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read(false))).isEqualTo("a");
            // A request in flight: its body is half sent when its server leaves the config.
            c.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n01234");
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (a.requestsReceived() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(a.requestsReceived()).as("the upload reached server a").isEqualTo(2);

            ApplyResult r = lb.apply(config("", b), "test.cfg", MapFileReader.NONE);

            assertThat(r.changed()).isTrue();
            assertThat(r.diff().serversAdded()).containsExactly("app/b");
            assertThat(r.diff().serversRemoved()).containsExactly("app/a");
            assertThat(r.diff().frontendsAdded()).isEmpty();
            RawHttp.Response upload = c.send("56789").read(false);
            assertThat(upload.status()).isEqualTo(200);
            assertThat(backendOf(upload)).isEqualTo("a");
            assertThat(upload.bodyText()).isEqualTo("0123456789");
            // The next request on the same client connection goes to the new server.
            RawHttp.Response next = c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read(false);
            assertThat(next.status()).isEqualTo(200);
            assertThat(backendOf(next)).isEqualTo("b");
        }
        assertThat(lb.boundAddress(BIND)).isEqualTo(before);
        assertThat(b.requestsReceived()).isEqualTo(1);
    }

    @Test
    void brokenConfigIsRejectedWithFileAndLineAndTheLastGoodOneKeepsServing() throws Exception {
        String good = config("", a);
        lb.apply(good, "good.cfg", MapFileReader.NONE);
        RoutingSnapshot inForce = lb.current();
        String bad = good.replace("  default_backend app\n", "  default_backend app\n  use_backend nowhere\n");

        assertThatThrownBy(() -> lb.apply(bad, "bad.cfg", MapFileReader.NONE))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigWarning::toString)
                        .containsExactly("bad.cfg:15: use_backend: no backend named 'nowhere'"));

        assertThat(lb.current()).isSameAs(inForce);
        assertThat(get("/").status()).isEqualTo(200);
        assertThat(backendOf(get("/"))).isEqualTo("a");
    }

    @Test
    void sameTextTwiceIsANoOp() throws Exception {
        String text = config("", a, b);
        lb.apply(text, "test.cfg", MapFileReader.NONE);
        RoutingSnapshot first = lb.current();

        ApplyResult again = lb.apply(new String(text.toCharArray()), "test.cfg", MapFileReader.NONE);

        assertThat(again.changed()).isFalse();
        assertThat(again.diff()).isEqualTo(ConfigDiff.NONE);
        assertThat(again.logLine()).contains("unchanged");
        assertThat(lb.current()).isSameAs(first);
    }

    @Test
    void sameTextWithAChangedMapFileIsApplied() throws Exception {
        String text = """
                defaults
                  mode http
                  timeout connect 3s
                  timeout client 30s
                  timeout server 30s
                frontend web
                  bind 127.0.0.1:0
                  use_backend %[req.hdr(host),lower,regsub(:.*$,,),map(/etc/haproxy/domain2backend.map)]
                backend be_a
                  server a 127.0.0.1:PA
                backend be_b
                  server b 127.0.0.1:PB
                """.replace("PA", Integer.toString(a.port())).replace("PB", Integer.toString(b.port()));
        lb.apply(text, "map.cfg", MapFileReader.of(Map.of("/etc/haproxy/domain2backend.map", "x be_a\n")));
        assertThat(backendOf(get("/"))).isEqualTo("a");

        ApplyResult same = lb.apply(text, "map.cfg",
                MapFileReader.of(Map.of("/etc/haproxy/domain2backend.map", "x be_a\n")));
        ApplyResult changed = lb.apply(text, "map.cfg",
                MapFileReader.of(Map.of("/etc/haproxy/domain2backend.map", "x be_b\n")));

        assertThat(same.changed()).isFalse();
        assertThat(changed.changed()).isTrue();
        assertThat(backendOf(get("/"))).isEqualTo("b");
    }

    @Test
    void unreadableCertificateIsRejectedAtItsBindLine() throws Exception {
        String good = config("", a);
        lb.apply(good, "good.cfg", MapFileReader.NONE);
        Path broken = Files.writeString(dir.resolve("broken.pem"), "-----BEGIN CERTIFICATE-----\nnot base64\n");
        String bad = good + "frontend secure\n  bind 127.0.0.2:0 ssl crt " + broken + "\n  default_backend app\n";

        assertThatThrownBy(() -> lb.apply(bad, "tls.cfg", MapFileReader.NONE))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).hasSize(1);
                    ConfigWarning p = e.problems().get(0);
                    assertThat(p.file()).isEqualTo("tls.cfg");
                    assertThat(p.line()).isEqualTo(19);
                    assertThat(p.message()).startsWith("frontend secure: ").contains(broken.toString());
                });

        assertThat(lb.current().configText()).isEqualTo(good);
        assertThat(lb.server().listening()).containsExactly(BIND);
        assertThat(backendOf(get("/"))).isEqualTo("a");
    }

    @Test
    void addressInUseIsRejectedAtItsBindLineAndNothingIsHalfApplied() throws Exception {
        String good = config("", a);
        lb.apply(good, "good.cfg", MapFileReader.NONE);
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            String bad = config("", a, b) + "frontend other\n  bind 127.0.0.3:0\n  bind 127.0.0.1:"
                    + taken.getLocalPort() + "\n  default_backend app\n";

            assertThatThrownBy(() -> lb.apply(bad, "bind.cfg", MapFileReader.NONE))
                    .isInstanceOfSatisfying(ConfigException.class, e -> {
                        ConfigWarning p = e.problems().get(0);
                        assertThat(p.file()).isEqualTo("bind.cfg");
                        assertThat(p.line()).isEqualTo(21);
                        assertThat(p.message()).startsWith("frontend other: cannot listen on 127.0.0.1:"
                                + taken.getLocalPort());
                    });
        }
        // The other new address was released again, and the old config still serves.
        assertThat(lb.server().listening()).containsExactly(BIND);
        assertThat(lb.current().configText()).isEqualTo(good);
        assertThat(backendOf(get("/"))).isEqualTo("a");
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress("127.0.0.3", 0));
        }
    }

    @Test
    void backendTheBalancersRejectIsReportedAtItsSectionBeforeAnythingChanges() throws Exception {
        lb.apply(config("", a), "good.cfg", MapFileReader.NONE);
        RoutingSnapshot inForce = lb.current();
        // The interpreter lets `balance hdr()` without a header name through; the balancer refuses it.
        String bad = config("", a, b).replace("balance roundrobin", "balance hdr()");

        assertThatThrownBy(() -> lb.apply(bad, "balance.cfg", MapFileReader.NONE))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigWarning::toString)
                        .containsExactly("balance.cfg:15: backend app: balance hdr (expected: an argument)"));
        assertThat(lb.current()).isSameAs(inForce);
        assertThat(backendOf(get("/"))).isEqualTo("a");
    }

    @Test
    void randomWithANumberOfDrawsServes() throws Exception {
        lb.apply(config("", a, b).replace("balance roundrobin", "balance random(2)"), "random.cfg", MapFileReader.NONE);

        assertThat(lb.current().backend("app").balance().argument()).isEqualTo("2");
        assertThat(get("/").status()).isEqualTo(200);
    }

    @Test
    void serverPoolingOffOpensOneServerConnectionPerRequest() throws Exception {
        lb.close(Duration.ZERO);
        lb = LoadBalancer.start(LoadBalancerSettings.defaults().withIoThreads(1).withServerPooling(false));
        lb.apply(config("", a), "test.cfg", MapFileReader.NONE);

        assertThat(lb.current().backend("app").serverClose()).isTrue();
        try (RawHttp c = new RawHttp(port())) {
            for (int i = 0; i < 3; i++) {
                RawHttp.Response r = c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read(false);
                assertThat(r.status()).isEqualTo(200);
            }
        }
        assertThat(a.connectionsAccepted()).isEqualTo(3);
    }

    @Test
    void serverPoolingOnReusesTheServerConnection() throws Exception {
        lb.apply(config("", a), "test.cfg", MapFileReader.NONE);

        assertThat(lb.current().backend("app").serverClose()).isFalse();
        try (RawHttp c = new RawHttp(port())) {
            for (int i = 0; i < 3; i++) {
                assertThat(c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read(false).status()).isEqualTo(200);
            }
        }
        assertThat(a.connectionsAccepted()).isEqualTo(1);
    }

    @Test
    void closedLoadBalancerRefusesConfigs() {
        lb.close(Duration.ZERO);
        assertThatThrownBy(() -> lb.apply(config("", a), "x.cfg", MapFileReader.NONE))
                .isInstanceOf(IllegalStateException.class);
        assertThat(List.of(lb.current())).containsExactly(RoutingSnapshot.EMPTY);
    }
}
