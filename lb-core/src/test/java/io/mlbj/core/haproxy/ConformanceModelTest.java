package io.mlbj.core.haproxy;

import static io.mlbj.core.haproxy.RouteEvaluator.evaluate;
import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.Balance;
import io.mlbj.core.routing.BindAddress;
import io.mlbj.core.routing.ConfigWarning;
import io.mlbj.core.routing.Frontend;
import io.mlbj.core.routing.HealthCheck;
import io.mlbj.core.routing.HttpAction;
import io.mlbj.core.routing.HttpRule;
import io.mlbj.core.routing.ProxyMode;
import io.mlbj.core.routing.RoutingSnapshot;
import io.mlbj.core.routing.Server;
import io.mlbj.core.routing.Timeouts;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The model built from representative marathon-lb configs, checked in detail and against synthetic requests. */
class ConformanceModelTest {

    private static RoutingSnapshot load(int n) throws ConfigException {
        return ConformanceCases.snapshot(ConformanceCases.byNumber(n));
    }

    private static Frontend frontend(RoutingSnapshot s, String name) {
        return s.frontends().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void simpleAppHasTheFixedFrontendsItsBackendAndDefaults() throws ConfigException {
        RoutingSnapshot s = load(5);
        assertThat(s.frontends()).extracting(Frontend::name).containsExactly("stats", "marathon_http_in",
                "marathon_http_appid_in", "marathon_https_in", "nginx_10000");
        assertThat(frontend(s, "stats").binds()).containsExactly(new BindAddress("0.0.0.0", 9090));
        assertThat(frontend(s, "marathon_http_in").binds()).containsExactly(new BindAddress("*", 80));
        assertThat(frontend(s, "marathon_http_appid_in").binds()).containsExactly(new BindAddress("*", 9091));
        Frontend https = frontend(s, "marathon_https_in");
        assertThat(https.binds()).containsExactly(new BindAddress("*", 443));
        assertThat(https.tls().certificates()).containsExactly("/etc/ssl/cert.pem");
        assertThat(https.tls().options()).containsExactly("no-sslv3", "no-tlsv10", "no-tls-tickets");
        assertThat(https.tls().ciphers()).startsWith("ECDHE-ECDSA-AES128-GCM-SHA256:").endsWith(":!aNULL:!MD5:!DSS");
        assertThat(https.mode()).isEqualTo(ProxyMode.HTTP);
        assertThat(https.maxConnections()).isEqualTo(10000);
        Frontend app = frontend(s, "nginx_10000");
        assertThat(app.binds()).containsExactly(new BindAddress("*", 10000));
        assertThat(app.tls()).isNull();
        assertThat(app.timeouts()).isEqualTo(new Timeouts(Duration.ofSeconds(3), Duration.ofSeconds(30),
                Duration.ofSeconds(30), Duration.ofSeconds(15), Duration.ofSeconds(1), Duration.ofSeconds(3600),
                Duration.ofSeconds(30), Duration.ZERO));

        Backend b = s.backend("nginx_10000");
        assertThat(b.mode()).isEqualTo(ProxyMode.HTTP);
        assertThat(b.balance()).isEqualTo(Balance.ROUNDROBIN);
        assertThat(b.cookie()).isNull();
        assertThat(b.forwardFor()).isTrue();
        assertThat(b.serverClose()).isTrue();
        assertThat(b.redispatch()).isTrue();
        assertThat(b.retries()).isEqualTo(3);
        assertThat(b.timeouts().check()).isEqualTo(Duration.ofSeconds(10));
        assertThat(b.servers()).containsExactly(new Server("agent1_1_1_1_1_1024", "1.1.1.1", 1024, 28363, 1, null,
                false, null, new HealthCheck(Duration.ofSeconds(2), 2, 11, 0, "GET", "/", Duration.ofSeconds(10))
                        .withSpreadPercent(5),
                0));

        // Per-port frontend: everything to the app; backend adds the X-Forwarded headers.
        RouteEvaluator.Outcome plain = evaluate(s, "nginx_10000", TestRequest.get("/x").port(10000)
                .header("X-Forwarded-Proto", "https"));
        assertThat(plain.backend()).isEqualTo("nginx_10000");
        assertThat(plain.request().all("X-Forwarded-Port")).containsExactly("10000");
        assertThat(plain.request().all("X-Forwarded-Proto")).containsExactly("https"); // client's value kept, as HAProxy
        assertThat(plain.request().all("X-Forwarded-For")).containsExactly("192.0.2.10");
        // App-id frontend routes on X-Marathon-App-Id, case-insensitively.
        assertThat(evaluate(s, "marathon_http_appid_in", TestRequest.get("/").port(9091)
                .header("X-Marathon-App-Id", "/NGINX")).backend()).isEqualTo("nginx_10000");
        assertThat(evaluate(s, "marathon_http_appid_in", TestRequest.get("/").port(9091)
                .header("X-Marathon-App-Id", "/other")).backend()).isNull();
    }

    @Test
    void statsListenServesTheBuiltInEndpoints() throws ConfigException {
        RoutingSnapshot s = load(1);
        assertThat(s.backend("stats").servers()).isEmpty();
        assertThat(frontend(s, "stats").defaultBackend()).isEqualTo("stats");
        assertThat(service(s, "/haproxy?stats")).isEqualTo("stats");
        assertThat(service(s, "/haproxy?stats;csv")).isEqualTo("stats");
        assertThat(service(s, "/_haproxy_health_check")).isEqualTo("health");
        assertThat(service(s, "/metrics")).isEqualTo("prometheus-exporter");
        assertThat(service(s, "/_haproxy_getconfig")).isEqualTo("getconfig");
        assertThat(service(s, "/_haproxy_getvhostmap")).isEqualTo("getvhostmap");
        assertThat(service(s, "/_haproxy_getappmap")).isEqualTo("getappmap");
        assertThat(service(s, "/_haproxy_getpids")).isEqualTo("getpids");
        assertThat(service(s, "/_mlb_signal/hup")).isEqualTo("signalmlbhup");
        assertThat(service(s, "/_mlb_signal/usr1")).isEqualTo("signalmlbusr1");
        assertThat(evaluate(s, "stats", TestRequest.get("/other").port(9090)).answer()).isNull();
    }

    private static String service(RoutingSnapshot s, String uri) {
        HttpAction a = evaluate(s, "stats", TestRequest.get(uri).port(9090)).answer();
        assertThat(a).isInstanceOf(HttpAction.UseService.class);
        return ((HttpAction.UseService) a).service();
    }

    @Test
    void vhostRoutesByExactHostOnHttpAndBySniOnHttps() throws ConfigException {
        RoutingSnapshot s = load(7);
        assertThat(evaluate(s, "marathon_http_in", TestRequest.get("/").host("test.example.com")).backend())
                .isEqualTo("nginx_10000");
        assertThat(evaluate(s, "marathon_http_in", TestRequest.get("/").host("TEST.Example.com")).backend())
                .isEqualTo("nginx_10000");
        // No port stripping in ACL mode: HAProxy's hdr(host) -i is an exact match on the whole header.
        assertThat(evaluate(s, "marathon_http_in", TestRequest.get("/").host("test.example.com:80")).backend())
                .isNull();
        assertThat(evaluate(s, "marathon_http_in", TestRequest.get("/").host("other.com")).backend()).isNull();
        assertThat(evaluate(s, "marathon_https_in", TestRequest.get("/").port(443).tls("test.example.com")
                .host("whatever")).backend()).isEqualTo("nginx_10000");
        // HTTPS routes on SNI only: the Host header does not help a client without SNI.
        assertThat(evaluate(s, "marathon_https_in", TestRequest.get("/").port(443).tls(null)
                .host("test.example.com")).backend()).isNull();
        RouteEvaluator.Outcome tls = evaluate(s, "marathon_https_in",
                TestRequest.get("/").port(443).tls("test.example.com"));
        assertThat(tls.request().all("X-Forwarded-Proto")).containsExactly("https");
        assertThat(tls.request().all("X-Forwarded-Port")).containsExactly("443");
    }

    @Test
    void multipleVhostsWithAuthAskForCredentialsTheUserlistDoesNotAccept() throws ConfigException {
        RoutingSnapshot s = load(12);
        for (String host : List.of("test.example.com", "test")) {
            RouteEvaluator.Outcome noAuth = evaluate(s, "marathon_http_in", TestRequest.get("/").host(host));
            assertThat(noAuth.answer()).isEqualTo(new HttpAction.Auth("realm"));
            // marathon-lb writes the password as given; "testpasswd" is no crypt(3) hash of itself, so
            // HAProxy (and this interpreter) never accepts it.
            assertThat(evaluate(s, "marathon_http_in", TestRequest.get("/").host(host)
                    .basicAuth("testuser", "testpasswd")).answer()).isEqualTo(new HttpAction.Auth("realm"));
            assertThat(evaluate(s, "marathon_https_in", TestRequest.get("/").port(443).tls(host)).answer())
                    .isEqualTo(new HttpAction.Auth("realm"));
        }
        assertThat(evaluate(s, "marathon_http_in", TestRequest.get("/").host("elsewhere")).answer()).isNull();
    }

    @Test
    void vhostWithPathAndAuthChecksHostThenPathThenCredentials() throws ConfigException {
        RoutingSnapshot s = load(14);
        assertThat(evaluate(s, "marathon_http_in", TestRequest.get("/some/path/x").host("test")).answer())
                .isEqualTo(new HttpAction.Auth("realm"));
        RouteEvaluator.Outcome otherPath = evaluate(s, "marathon_http_in", TestRequest.get("/other").host("test"));
        assertThat(otherPath.answer()).isNull();
        assertThat(otherPath.backend()).isNull();
        assertThat(evaluate(s, "marathon_https_in", TestRequest.get("/some/path").port(443).tls("test.example.com"))
                .answer()).isEqualTo(new HttpAction.Auth("realm"));
        assertThat(evaluate(s, "marathon_https_in", TestRequest.get("/nope").port(443).tls("test.example.com"))
                .backend()).isNull();
    }

    @Test
    void redirectToHttpsAndHsts() throws ConfigException {
        RoutingSnapshot s = load(19);
        HttpAction a = evaluate(s, "marathon_http_in", TestRequest.get("/some/path?q=1").host("test")).answer();
        assertThat(a).isInstanceOf(HttpAction.Redirect.class);
        HttpAction.Redirect r = (HttpAction.Redirect) a;
        assertThat(r.kind()).isEqualTo(HttpAction.Redirect.Kind.SCHEME);
        assertThat(r.value().format(TestRequest.get("/"))).isEqualTo("https");
        assertThat(r.code()).isEqualTo(301);
        assertThat(evaluate(s, "marathon_http_in", TestRequest.get("/elsewhere").host("test")).answer()).isNull();
        assertThat(evaluate(s, "marathon_https_in", TestRequest.get("/some/path").port(443).tls("test")).backend())
                .isEqualTo("nginx_10000");

        List<HttpRule> response = s.backend("nginx_10000").responseRules();
        assertThat(response).hasSize(1);
        HttpAction.AddHeader hsts = (HttpAction.AddHeader) response.get(0).action();
        assertThat(hsts.name()).isEqualTo("Strict-Transport-Security");
        assertThat(hsts.value().format(TestRequest.get("/"))).isEqualTo("max-age=15768000");
        assertThat(s.warnings()).extracting(ConfigWarning::message)
                .containsExactly("'rspadd' is HAProxy 1.x syntax (removed in 2.1); read as its http-response equivalent");
    }

    @Test
    void balanceLabel() throws ConfigException {
        assertThat(load(20).backend("nginx_10000").balance()).isEqualTo(new Balance(Balance.Algorithm.LEASTCONN, null));
    }

    @Test
    void zddAppKeepsDrainingServerDisabled() throws ConfigException {
        Backend b = load(22).backend("nginx_10000");
        assertThat(b.servers()).extracting(Server::name).containsExactly("10_0_1_147_25724", "10_0_6_25_16916",
                "10_0_6_25_23336", "10_0_6_25_31184");
        assertThat(b.servers()).extracting(Server::id).containsExactly(9975, 14685, 14676, 27565);
        assertThat(b.servers()).extracting(Server::disabled).containsExactly(false, false, false, true);
        assertThat(b.servers().get(3).check())
                .isEqualTo(new HealthCheck(Duration.ofSeconds(3), 2, 11, 0, "GET", "/", Duration.ofSeconds(15))
                        .withSpreadPercent(5));
    }

    @Test
    void healthCheckPortAndTcpCheck() throws ConfigException {
        assertThat(load(23).backend("nginx_10000").servers().get(0).check().port()).isEqualTo(1024);
        HealthCheck tcp = load(27).backend("nginx_10000").servers().get(0).check();
        assertThat(tcp.httpPath()).isNull();
        assertThat(tcp.httpMethod()).isNull();
        assertThat(tcp.interval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(tcp.fall()).isEqualTo(11);
        assertThat(tcp.timeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void proxyPassRewritesHostAndStripsThePrefix() throws ConfigException {
        RoutingSnapshot s = load(31);
        RouteEvaluator.Outcome o = evaluate(s, "marathon_http_in",
                TestRequest.get("/test/some/thing?a=b").host("test.example.com"));
        assertThat(o.backend()).isEqualTo("nginx_10000");
        assertThat(o.request().all("Host")).containsExactly("test.example.com");
        assertThat(o.request().uri()).isEqualTo("/some/thing?a=b");
        assertThat(evaluate(s, "nginx_10000", TestRequest.get("/test/").port(10000)).request().uri()).isEqualTo("/");
        // The PROXYPASS_PATH label was "/test/", so the regex needs "/test/" (HAProxy behaves the same).
        assertThat(evaluate(s, "nginx_10000", TestRequest.get("/test").port(10000)).request().uri())
                .isEqualTo("/test");
        assertThat(evaluate(s, "nginx_10000", TestRequest.get("/other").port(10000)).request().uri())
                .isEqualTo("/other");
        assertThat(s.warnings()).extracting(ConfigWarning::message).containsExactly(
                "'reqirep' is HAProxy 1.x syntax (removed in 2.1); read as its http-request equivalent");
    }

    @Test
    void revProxyRewritesLocationAsMarathonLbWritesIt() throws ConfigException {
        HttpRule rule = load(32).backend("nginx_10000").responseRules().get(0);
        HttpAction.ReplaceHeader r = (HttpAction.ReplaceHeader) rule.action();
        assertThat(r.name()).isEqualTo("Location");
        // The default template has no \3, so every matching Location becomes the root path itself.
        assertThat(HaproxyRegex.rewrite(r.regex(), "http://test.example.com:8080/abc", r.replacement()))
                .isEqualTo("/test");
        assertThat(HaproxyRegex.rewrite(r.regex(), "/abc", r.replacement())).isEqualTo("/test");
        TestRequest response = TestRequest.get("/").header("Location", "/abc");
        assertThat(rule.condition().matches(response)).isTrue();
        assertThat(rule.condition().matches(TestRequest.get("/"))).isFalse();
    }

    @Test
    void httpBackendRedirForTheRootOfTheVhost() throws ConfigException {
        RoutingSnapshot s = load(33);
        HttpAction a = evaluate(s, "marathon_http_in", TestRequest.get("/").host("test.example.com")).answer();
        assertThat(a).isInstanceOf(HttpAction.Redirect.class);
        HttpAction.Redirect r = (HttpAction.Redirect) a;
        assertThat(r.kind()).isEqualTo(HttpAction.Redirect.Kind.LOCATION);
        assertThat(r.value().format(TestRequest.get("/"))).isEqualTo("/test");
        assertThat(r.code()).isEqualTo(301);
        assertThat(evaluate(s, "marathon_http_in", TestRequest.get("/a").host("test.example.com")).answer()).isNull();
    }

    @Test
    void stickyInTcpModeKeepsServerCookiesButNoBackendCookie() throws ConfigException {
        Backend b = load(34).backend("nginx_10000");
        assertThat(b.mode()).isEqualTo(ProxyMode.TCP);
        assertThat(b.cookie()).as("cookies have no effect in mode tcp").isNull();
        Server srv = b.servers().get(0);
        assertThat(srv.cookie()).isEqualTo("d6ad48c81f");
        assertThat(srv.id()).isEqualTo(28363);
        assertThat(srv.check()).isEqualTo(new HealthCheck(Duration.ofSeconds(2), 2, 3, 0, null, null,
                Duration.ofSeconds(2)).withSpreadPercent(5));
    }

    @Test
    void backendWeightOrdersTheVhostRulesAndSharedPortsAreAllowed() throws ConfigException {
        RoutingSnapshot s = load(35);
        assertThat(frontend(s, "marathon_http_in").rules()).extracting(r -> r.target().select(null))
                .containsExactly("nginx3_10000", "nginx2_10000", "nginx1_10000", "nginx_10000");
        assertThat(evaluate(s, "marathon_http_in", TestRequest.get("/some/path").host("test")).backend())
                .isEqualTo("nginx3_10000");
        assertThat(s.frontends().stream().filter(f -> f.binds().contains(new BindAddress("*", 10000)))).hasSize(4);
    }

    @Test
    void mapModeLooksUpLowerCasedHostWithoutPort() throws ConfigException {
        RoutingSnapshot s = load(36);
        assertThat(evaluate(s, "marathon_http_in", TestRequest.get("/").host("Server.NGINX1.net:8080")).backend())
                .isEqualTo("nginx_10000");
        assertThat(evaluate(s, "marathon_http_in", TestRequest.get("/").host("server.apache.net")).backend())
                .isEqualTo("apache_10001");
        assertThat(evaluate(s, "marathon_http_in", TestRequest.get("/").host("unknown.net")).backend()).isNull();
        assertThat(evaluate(s, "marathon_http_in", TestRequest.get("/")).backend()).isNull();
        assertThat(evaluate(s, "marathon_https_in", TestRequest.get("/").port(443).tls("SERVER.apache.NET"))
                .backend()).isEqualTo("apache_10001");
        assertThat(evaluate(s, "marathon_http_appid_in", TestRequest.get("/").port(9091)
                .header("X-Marathon-App-Id", "/Nginx")).backend()).isEqualTo("nginx_10000");
        assertThat(s.warnings()).isEmpty();
    }

    @Test
    void mapModeWithAuthAndRedirectRulesBeforeTheMap() throws ConfigException {
        RoutingSnapshot auth = load(38);
        assertThat(evaluate(auth, "marathon_http_in", TestRequest.get("/").host("server.nginx.net")).answer())
                .isEqualTo(new HttpAction.Auth("realm"));
        assertThat(evaluate(auth, "marathon_http_appid_in", TestRequest.get("/").port(9091)
                .header("X-Marathon-App-Id", "/nginx2")).backend()).isEqualTo("nginx2_10001");

        RoutingSnapshot redirect = load(40);
        assertThat(evaluate(redirect, "marathon_http_in", TestRequest.get("/").host("server.apache1.net")).answer())
                .isInstanceOf(HttpAction.Redirect.class);
        assertThat(evaluate(redirect, "marathon_http_in", TestRequest.get("/").host("server.nginx.net")).backend())
                .isEqualTo("nginx_10000");
    }

    @Test
    void groupHttpsByVhostSplitsOnSniThenTerminatesTlsPerVhost() throws ConfigException {
        RoutingSnapshot s = load(46);
        Frontend splitter = frontend(s, "marathon_https_in");
        assertThat(splitter.mode()).isEqualTo(ProxyMode.TCP);
        assertThat(splitter.tls()).isNull();
        assertThat(splitter.requestRules()).isEmpty(); // 'tcp-request content accept' with nothing after it
        TestRequest hello = TestRequest.get("/");
        hello.sni = "Server2.nginx.net";
        assertThat(evaluate(s, "marathon_https_in", hello).backend()).isEqualTo("server2_nginx_net");

        Server loopback = s.backend("server2_nginx_net").servers().get(0);
        assertThat(loopback.host()).isEqualTo("abns@server2_nginx_net");
        assertThat(loopback.port()).isZero();
        Frontend vhost = frontend(s, "server2_nginx_net");
        assertThat(vhost.binds()).containsExactly(new BindAddress("abns@server2_nginx_net", 0));
        assertThat(vhost.acceptProxy()).isTrue();
        assertThat(vhost.tls().certificates()).containsExactly("/etc/cert");
        assertThat(vhost.tls().options()).contains("verify required");
        assertThat(evaluate(s, "server2_nginx_net", TestRequest.get("/test2/x").tls("server2.nginx.net")).backend())
                .isEqualTo("nginx3_10002");
        assertThat(evaluate(s, "server2_nginx_net", TestRequest.get("/test/x").tls("server2.nginx.net")).backend())
                .isEqualTo("nginx2_10001");

        assertThat(frontend(s, "nginx2_10001").tls().options()).contains("verify required");
        assertThat(s.frontends().stream().filter(f -> f.binds().contains(new BindAddress("*", 10002))))
                .extracting(Frontend::name).containsExactly("letsencrypt_10002", "nginx3_10002");
        // Three hosts share one ACL name: any of them matches.
        assertThat(evaluate(s, "marathon_http_in", TestRequest.get("/.well-known/acme-challenge/t")
                .host("server.nginx.net")).backend()).isEqualTo("letsencrypt_10002");
    }
}
