package io.mlbj.core.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.BindAddress;
import io.mlbj.core.routing.Frontend;
import io.mlbj.core.routing.ProxyMode;
import io.mlbj.core.routing.RoutingSnapshot;
import io.mlbj.core.routing.Server;
import io.mlbj.core.routing.ServerTls;
import io.mlbj.core.routing.StickyCookie;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The WSO2 API-store example: TLS on 10209, JSESSIONID prefix stickiness, TLS to the servers without verify. */
class Wso2ConfigTest {

    private final RoutingSnapshot snapshot;

    Wso2ConfigTest() throws ConfigException {
        snapshot = new ConfigInterpreter(MapFileReader.NONE, true)
                .interpret(ConformanceCases.resource("/wso2.cfg"), "wso2.cfg");
    }

    @Test
    void tlsFrontendOnTheServicePort() {
        Frontend f = snapshot.frontends().stream().filter(x -> x.name().equals("wso2am-api-store_10209"))
                .findFirst().orElseThrow();
        assertThat(f.binds()).containsExactly(new BindAddress("*", 10209));
        assertThat(f.mode()).isEqualTo(ProxyMode.HTTP);
        assertThat(f.tls().certificates()).containsExactly("/etc/ssl/wso2demo.pem");
        assertThat(f.rules()).hasSize(1);
        assertThat(f.rules().get(0).target().select(TestRequest.get("/"))).isEqualTo("wso2am-api-store_10209");
        assertThat(snapshot.warnings()).isEmpty();
    }

    @Test
    void forwardedHeadersOnTls() {
        TestRequest r = TestRequest.get("/store").port(10209).tls(null).header("X-Forwarded-Port", "1");
        RouteEvaluator.Outcome o = RouteEvaluator.evaluate(snapshot, "wso2am-api-store_10209", r);
        assertThat(o.backend()).isEqualTo("wso2am-api-store_10209");
        assertThat(o.request().all("X-Forwarded-Port")).containsExactly("10209");
        assertThat(o.request().all("X-Forwarded-Proto")).containsExactly("https");
        assertThat(o.request().all("X-Forwarded-For")).containsExactly("192.0.2.10");
    }

    @Test
    void prefixCookieAndServersWithTlsWithoutVerification() throws NoSuchAlgorithmException {
        Backend b = snapshot.backend("wso2am-api-store_10209");
        assertThat(b.cookie()).isEqualTo(new StickyCookie("JSESSIONID", StickyCookie.Mode.PREFIX, false, true,
                false, false, false, false, List.of(), null, null, List.of()));
        assertThat(b.servers()).extracting(Server::name).containsExactly("10_0_0_1_31001", "10_0_0_2_31002");
        for (Server s : b.servers()) {
            assertThat(s.tls()).isEqualTo(new ServerTls(false, null, null));
            assertThat(s.cookie()).isEqualTo(sha1(s.name()).substring(0, 10));
            assertThat(s.check()).isNotNull();
            assertThat(s.check().httpPath()).isNull();
            assertThat(s.id()).isZero();
        }
        assertThat(b.servers().get(0).host()).isEqualTo("10.0.0.1");
        assertThat(b.servers().get(0).port()).isEqualTo(31001);
        assertThat(b.servers().get(0).cookie()).isEqualTo("5618f9873c");
    }

    @Test
    void appIdRoute() {
        assertThat(RouteEvaluator.evaluate(snapshot, "marathon_http_appid_in", TestRequest.get("/").port(9091)
                .header("X-Marathon-App-Id", "/wso2am-api-store")).backend()).isEqualTo("wso2am-api-store_10209");
    }

    private static String sha1(String s) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
