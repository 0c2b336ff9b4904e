package io.mlbj.core.haproxy;

import static io.mlbj.core.haproxy.RouteEvaluator.evaluate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.Balance;
import io.mlbj.core.routing.BindAddress;
import io.mlbj.core.routing.ConfigWarning;
import io.mlbj.core.routing.Frontend;
import io.mlbj.core.routing.HttpAction;
import io.mlbj.core.routing.ProxyMode;
import io.mlbj.core.routing.RoutingSnapshot;
import io.mlbj.core.routing.Server;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-written configs: rejection with every problem, warnings, strictness and the less common directives. */
class ConfigInterpreterTest {

    private static RoutingSnapshot interpret(String text) throws ConfigException {
        return new ConfigInterpreter(MapFileReader.NONE, false).interpret(text, "h.cfg");
    }

    private static List<String> problems(String text, boolean strict) {
        try {
            new ConfigInterpreter(MapFileReader.NONE, strict).interpret(text, "h.cfg");
        } catch (ConfigException e) {
            return e.problems().stream().map(ConfigWarning::toString).toList();
        }
        throw new AssertionError("config was accepted");
    }

    @Test
    void rejectsAnUnusableConfigListingEveryProblem() {
        String text = """
                frontend a
                  bind *:80
                  mode http
                  acl x nosuchfetch(1)
                  use_backend missing if { path /x }
                  use_backend b if undefined_acl
                  default_backend also_missing
                frontend c
                  bind *:80
                  mode tcp
                  bind *:99999
                backend b
                  server s1 10.0.0.1
                  server s2 10.0.0.2:80 weight 300
                  redirect code 301 location /x
                """;
        assertThat(problems(text, false)).containsExactly(
                "h.cfg:4: acl: sample fetch 'nosuchfetch' is not supported",
                "h.cfg:5: use_backend: no backend named 'missing'",
                "h.cfg:6: use_backend: no ACL named 'undefined_acl'",
                "h.cfg:7: default_backend: no backend named 'also_missing'",
                "h.cfg:8: bind *:80 of frontend c conflicts with frontend a (http vs tcp)",
                "h.cfg:11: bind: address '*:99999': bad port '99999' (expected: 0..65535)",
                "h.cfg:13: server: server s1: address '10.0.0.1' needs HOST:PORT",
                "h.cfg:14: server: server s2: weight: '300' (expected: 0..256)");
    }

    @Test
    void aHeaderNameThatIsNoTokenIsRefusedWithItsLine() {
        String text = """
                frontend a
                  bind *:80
                  mode http
                  http-request set-header X-Ok:Not ok
                  http-request add-header "X Space" v
                  http-response set-header X-Fine yes
                  reqadd X(Paren):\\ 1
                  default_backend b
                backend b
                  server s1 10.0.0.1:80
                """;
        assertThat(problems(text, false)).containsExactly(
                "h.cfg:4: http-request: header name 'X-Ok:Not' is not a token",
                "h.cfg:5: http-request: header name 'X Space' is not a token",
                "h.cfg:7: reqadd: header name 'X(Paren)' is not a token");
    }

    @Test
    void unknownDirectivesWarnWithFileAndLineAndFailWhenStrict() throws ConfigException {
        String text = """
                global
                  frobnicate yes
                frontend a
                  bind :8080
                  mode http
                  option nosuchoption
                  http-request set-method POST
                  default_backend b
                peers mypeers
                  peer one 10.0.0.1:1024
                backend b
                  server s 10.0.0.1:80 agent-check
                """;
        RoutingSnapshot s = interpret(text);
        assertThat(s.warnings()).extracting(ConfigWarning::toString).containsExactly(
                "h.cfg:2: unknown keyword 'frobnicate' in global section",
                "h.cfg:6: unknown keyword 'option nosuchoption'",
                "h.cfg:7: http-request action 'set-method' is not supported (ignored)",
                "h.cfg:9: section 'peers mypeers' is not supported; its contents are skipped",
                "h.cfg:12: server s: option 'agent-check' is not supported (ignored)");
        assertThat(s.frontends().get(0).binds()).containsExactly(new BindAddress("*", 8080));
        assertThat(s.backend("b").servers()).hasSize(1);
        assertThat(problems(text, true)).containsExactly(
                "h.cfg:2: unknown keyword 'frobnicate' in global section",
                "h.cfg:6: unknown keyword 'option nosuchoption'",
                "h.cfg:7: http-request action 'set-method' is not supported (ignored)",
                "h.cfg:12: server s: option 'agent-check' is not supported (ignored)");
    }

    @Test
    void networkAllowedInTcpModeRejectsOtherSources() throws ConfigException {
        RoutingSnapshot s = interpret("""
                frontend db
                  bind *:5432
                  default_backend db
                backend db
                  acl network_allowed src 10.0.0.0/8 192.168.1.1
                  tcp-request content accept if network_allowed
                  tcp-request content reject
                  server s 10.1.1.1:5432
                """);
        Backend b = s.backend("db");
        assertThat(b.mode()).isEqualTo(ProxyMode.TCP);
        assertThat(b.requestRules()).hasSize(1);
        assertThat(b.requestRules().get(0).action()).isEqualTo(new HttpAction.Reject());
        assertThat(evaluate(s, "db", TestRequest.get("/").from("10.20.30.40")).answer()).isNull();
        assertThat(evaluate(s, "db", TestRequest.get("/").from("192.168.1.1")).answer()).isNull();
        assertThat(evaluate(s, "db", TestRequest.get("/").from("192.168.1.2")).answer())
                .isEqualTo(new HttpAction.Reject());
        assertThat(evaluate(s, "db", TestRequest.get("/").from("::1")).answer()).isEqualTo(new HttpAction.Reject());
    }

    @Test
    void networkAllowedInHttpModeDeniesOtherSources() throws ConfigException {
        RoutingSnapshot s = interpret("""
                defaults
                  mode http
                frontend web
                  bind *:80
                  default_backend app
                backend app
                  acl network_allowed src 10.0.0.0/255.0.0.0
                  http-request allow if network_allowed
                  http-request deny
                  http-request set-header X-Seen yes
                  server s 10.1.1.1:80
                """);
        assertThat(evaluate(s, "web", TestRequest.get("/").from("10.9.9.9")).answer()).isNull();
        assertThat(evaluate(s, "web", TestRequest.get("/").from("10.9.9.9")).request().all("X-Seen")).isEmpty();
        assertThat(evaluate(s, "web", TestRequest.get("/").from("11.0.0.1")).answer())
                .isEqualTo(new HttpAction.Deny(403));
    }

    @Test
    void basicAuthChecksCryptHashesAndClearPasswords() throws ConfigException {
        RoutingSnapshot s = interpret("""
                userlist users
                  user md5 password $1$abcdefgh$cHJi5PXp/ki/ktXzqlk6I1
                  user sha256 password $5$abcdefgh$gruCpC7VkOTspMQTTSAR8mtlO9Upms.fwqE5y16JVM.
                  user sha512 password $6$abcdefgh$ltjgWl6579NluT/Vi1nwEvcil.G5Nbc4NiXZaNGStk8PSwGfQv72N2CKPPrVACtLtip/cZ/1GM/O6IND4WQhG.
                  user des password abNANd1rDfiNc
                  user clear insecure-password secret
                  group admins users md5
                frontend web
                  bind *:80
                  mode http
                  acl ok http_auth(users)
                  http-request auth realm "Private zone" unless ok
                  default_backend app
                backend app
                  server s 10.1.1.1:80
                """);
        for (String user : List.of("md5", "sha256", "sha512", "des", "clear")) {
            assertThat(evaluate(s, "web", TestRequest.get("/").basicAuth(user, "secret")).backend())
                    .as(user).isEqualTo("app");
            assertThat(evaluate(s, "web", TestRequest.get("/").basicAuth(user, "wrong")).answer())
                    .as(user).isEqualTo(new HttpAction.Auth("Private zone"));
        }
        assertThat(evaluate(s, "web", TestRequest.get("/").basicAuth("nobody", "secret")).answer())
                .isEqualTo(new HttpAction.Auth("Private zone"));
        assertThat(evaluate(s, "web", TestRequest.get("/").header("Authorization", "Basic !!!")).answer())
                .isEqualTo(new HttpAction.Auth("Private zone"));
        assertThat(evaluate(s, "web", TestRequest.get("/")).answer()).isEqualTo(new HttpAction.Auth("Private zone"));
    }

    @Test
    void defaultsApplyToTheProxiesAfterThemUntilTheNextDefaults() throws ConfigException {
        RoutingSnapshot s = interpret("""
                defaults
                  mode http
                  balance source
                  timeout connect 5s
                  timeout client 1m
                  retries 5
                  option forwardfor
                  option httpchk GET /ping HTTP/1.1
                  default-server inter 7s fall 4 weight 20
                backend one
                  server s 10.0.0.1:80 check
                  server t 10.0.0.2:80 weight 3
                defaults
                  timeout server 100ms
                backend two
                  no option forwardfor
                  server s 10.0.0.1:80 check
                """);
        Backend one = s.backend("one");
        assertThat(one.mode()).isEqualTo(ProxyMode.HTTP);
        assertThat(one.balance()).isEqualTo(new Balance(Balance.Algorithm.SOURCE, null));
        assertThat(one.retries()).isEqualTo(5);
        assertThat(one.forwardFor()).isTrue();
        assertThat(one.timeouts().connect()).isEqualTo(Duration.ofSeconds(5));
        assertThat(one.timeouts().client()).isEqualTo(Duration.ofMinutes(1));
        assertThat(one.timeouts().httpRequest()).isEqualTo(Duration.ofMinutes(1));
        assertThat(one.timeouts().queue()).isEqualTo(Duration.ofSeconds(5));
        assertThat(one.servers().get(0).weight()).isEqualTo(20);
        assertThat(one.servers().get(0).check().interval()).isEqualTo(Duration.ofSeconds(7));
        assertThat(one.servers().get(0).check().fall()).isEqualTo(4);
        assertThat(one.servers().get(0).check().httpPath()).isEqualTo("/ping");
        assertThat(one.servers().get(1).weight()).isEqualTo(3);
        assertThat(one.servers().get(1).check()).isNull();
        Backend two = s.backend("two");
        assertThat(two.mode()).isEqualTo(ProxyMode.TCP);
        assertThat(two.balance()).isEqualTo(Balance.ROUNDROBIN);
        assertThat(two.retries()).isEqualTo(3);
        assertThat(two.forwardFor()).isFalse();
        assertThat(two.timeouts().server()).isEqualTo(Duration.ofMillis(100));
        assertThat(two.timeouts().connect()).isEqualTo(Duration.ZERO);
        assertThat(two.servers().get(0).check().httpPath()).isNull();
        assertThat(two.servers().get(0).check().interval()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void portZeroBindsLetTheSystemChooseAndNeverConflict() throws ConfigException {
        RoutingSnapshot s = interpret("""
                frontend a
                  bind 127.0.0.1:0
                  mode http
                frontend b
                  bind 127.0.0.1:0
                  mode tcp
                """);
        assertThat(s.frontends()).extracting(f -> f.binds().get(0)).containsOnly(new BindAddress("127.0.0.1", 0));
        assertThat(problems("frontend a\n  bind :80-0\n", false))
                .containsExactly("h.cfg:2: bind: address ':80-0': bad port '0' (expected: 1..65535)");
    }

    @Test
    void serverOptions() throws ConfigException {
        Server s = interpret("""
                backend b
                  timeout check 3s
                  server web1 [::1]:8443 id 7 weight 0 cookie c1 disabled ssl verify required ca-file /ca.pem sni str(x) maxconn 50 check inter 500ms rise 4 fall 6 port 9000 alpn h2 check-ssl
                """).backend("b").servers().get(0);
        assertThat(s.host()).isEqualTo("::1");
        assertThat(s.port()).isEqualTo(8443);
        assertThat(s.id()).isEqualTo(7);
        assertThat(s.weight()).isZero();
        assertThat(s.cookie()).isEqualTo("c1");
        assertThat(s.disabled()).isTrue();
        assertThat(s.tls()).isEqualTo(new io.mlbj.core.routing.ServerTls(true, "/ca.pem", "str(x)"));
        assertThat(s.maxConnections()).isEqualTo(50);
        assertThat(s.check()).isEqualTo(new io.mlbj.core.routing.HealthCheck(Duration.ofMillis(500), 4, 6, 9000,
                null, null, Duration.ofSeconds(3)));
    }

    @Test
    void bindsWithDifferentTlsBecomeSeparateFrontendsSharingTheRules() throws ConfigException {
        RoutingSnapshot s = interpret("""
                global
                  ssl-default-bind-ciphers HIGH
                frontend web
                  mode http
                  bind :80,:81
                  bind 127.0.0.1:443 ssl crt /a.pem crt /b.pem alpn h2,http/1.1 ssl-min-ver TLSv1.2 accept-proxy
                  bind :8000-8002
                  redirect scheme https if !{ ssl_fc }
                  default_backend b
                backend b
                """);
        assertThat(s.frontends()).hasSize(2);
        Frontend plain = s.frontends().get(0);
        Frontend tls = s.frontends().get(1);
        assertThat(plain.binds()).containsExactly(new BindAddress("*", 80), new BindAddress("*", 81),
                new BindAddress("*", 8000), new BindAddress("*", 8001), new BindAddress("*", 8002));
        assertThat(plain.tls()).isNull();
        assertThat(tls.binds()).containsExactly(new BindAddress("127.0.0.1", 443));
        assertThat(tls.tls().certificates()).containsExactly("/a.pem", "/b.pem");
        assertThat(tls.tls().alpn()).containsExactly("h2", "http/1.1");
        assertThat(tls.tls().ciphers()).isEqualTo("HIGH");
        assertThat(tls.tls().options()).containsExactly("ssl-min-ver TLSv1.2");
        assertThat(tls.acceptProxy()).isTrue();
        assertThat(tls.requestRules()).isEqualTo(plain.requestRules());
        assertThat(s.backend("b").servers()).isEmpty();
    }

    @Test
    void conditionsAndSampleConverters() throws ConfigException {
        RoutingSnapshot s = new ConfigInterpreter(MapFileReader.of(Map.of("/m.map", "# hosts\nalpha.com  a\n\nbeta.com b\n")),
                false).interpret("""
                frontend web
                  bind :80
                  mode http
                  acl api path_beg -i /API /v2
                  acl img path_end .png .jpg
                  acl dom hdr_dom(host) example.com
                  acl sub hdr_sub(user-agent) bot
                  acl rx path_reg ^/item/[0-9]+$
                  acl short path -m len 2
                  acl few nbsrv(a) ge 2
                  use_backend a if api || img
                  use_backend b if dom !sub or rx
                  use_backend a unless short
                  use_backend %[req.hdr(host),field(1,:),upper,lower,map(/m.map,b)] if few
                  default_backend b
                backend a
                  server s1 10.0.0.1:80
                  server s2 10.0.0.2:80
                  server s3 10.0.0.3:80 disabled
                backend b
                """, "c.cfg");
        assertThat(evaluate(s, "web", TestRequest.get("/api/x").host("x")).backend()).isEqualTo("a");
        assertThat(evaluate(s, "web", TestRequest.get("/pic.png")).backend()).isEqualTo("a");
        assertThat(evaluate(s, "web", TestRequest.get("/ab").host("www.example.com")).backend()).isEqualTo("b");
        assertThat(evaluate(s, "web", TestRequest.get("/ab").host("www.example.com.evil.net")).backend())
                .isEqualTo("b");
        assertThat(evaluate(s, "web", TestRequest.get("/ab").host("notexample.com")).backend()).isEqualTo("a");
        assertThat(evaluate(s, "web", TestRequest.get("/item/12")).backend()).isEqualTo("b");
        // Dynamic backend via the map: only reached for two-character paths.
        assertThat(evaluate(s, "web", TestRequest.get("/x").host("ALPHA.com:8080")).backend()).isEqualTo("a");
        assertThat(evaluate(s, "web", TestRequest.get("/x").host("gamma.com")).backend()).isEqualTo("b");
        RoutingSnapshot noMap = new ConfigInterpreter(MapFileReader.NONE, false).interpret(
                "frontend f\n  bind :1\n  use_backend %[src,map(/none.map)]\nbackend x\n", "n.cfg");
        assertThat(noMap.warnings()).extracting(ConfigWarning::toString)
                .containsExactly("n.cfg:3: file /none.map does not exist; using it as empty");
    }

    @Test
    void httpRequestAndResponseActions() throws ConfigException {
        RoutingSnapshot s = interpret("""
                frontend web
                  bind :80
                  mode http
                  http-request redirect scheme https code 308 drop-query if { hdr(host) -i old.example.com }
                  http-request deny deny_status 429 if { path_beg /limited }
                  http-request del-header X-Debug
                  http-request replace-header Cookie (.*)secret=[^;]*(.*) \\1\\2
                  http-request set-var(txn.host) req.hdr(host),lower
                  http-request replace-path ^/api/v1/(.*) /v1/\\1
                  http-request set-path /static%[path] if { path_beg /img }
                  http-request use-service lua.hello if { path /hello }
                  http-response set-header X-Served-By "web %[dst_port]"
                  default_backend b
                backend b
                """);
        Frontend f = s.frontends().get(0);
        assertThat(f.requestRules()).extracting(r -> r.action().getClass().getSimpleName()).containsExactly(
                "Redirect", "Deny", "DelHeader", "ReplaceHeader", "SetVariable", "ReplacePath", "SetPath",
                "UseService");
        HttpAction.Redirect r = (HttpAction.Redirect) evaluate(s, "web", TestRequest.get("/?a").host("OLD.example.com"))
                .answer();
        assertThat(r.code()).isEqualTo(308);
        assertThat(r.dropQuery()).isTrue();
        assertThat(evaluate(s, "web", TestRequest.get("/limited/1")).answer()).isEqualTo(new HttpAction.Deny(429));
        RouteEvaluator.Outcome o = evaluate(s, "web", TestRequest.get("/api/v1/users?x=1").header("X-Debug", "1"));
        assertThat(o.backend()).isEqualTo("b");
        assertThat(o.request().uri()).isEqualTo("/v1/users?x=1");
        assertThat(o.request().all("X-Debug")).isEmpty();
        assertThat(evaluate(s, "web", TestRequest.get("/img/a.png")).request().uri()).isEqualTo("/static/img/a.png");
        assertThat(evaluate(s, "web", TestRequest.get("/hello")).answer()).isEqualTo(new HttpAction.UseService("hello"));
        HttpAction.ReplaceHeader cookie = (HttpAction.ReplaceHeader) f.requestRules().get(3).action();
        assertThat(HaproxyRegex.rewrite(cookie.regex(), "a=1; secret=xyz; b=2", cookie.replacement()))
                .isEqualTo("a=1; ; b=2");
        HttpAction.SetVariable var = (HttpAction.SetVariable) f.requestRules().get(4).action();
        assertThat(var.name()).isEqualTo("txn.host");
        assertThat(var.value().format(TestRequest.get("/").host("A.B"))).isEqualTo("a.b");
        HttpAction.SetHeader served = (HttpAction.SetHeader) f.responseRules().get(0).action();
        assertThat(served.value().format(TestRequest.get("/").port(8080))).isEqualTo("web 8080");
        assertThat(s.warnings()).isEmpty();
    }

    @Test
    void legacyRulesThatCannotBeTranslatedAreWarned() throws ConfigException {
        RoutingSnapshot s = interpret("""
                backend b
                  mode http
                  reqirep ^Host:\\ (.*) Host:\\ x
                  reqadd X-Added:\\ 1
                  rspidel ^Server:
                """);
        assertThat(s.warnings()).extracting(ConfigWarning::message).contains(
                "'reqirep' of this shape has no 2.x equivalent here (ignored)");
        assertThat(s.backend("b").requestRules()).extracting(r -> r.action())
                .containsExactly(new HttpAction.AddHeader("X-Added", io.mlbj.core.routing.LogFormat.literal("1")));
        assertThat(s.backend("b").responseRules()).extracting(r -> r.action())
                .containsExactly(new HttpAction.DelHeader("Server"));
    }
}
