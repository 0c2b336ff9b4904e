package io.mlbj.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.LbServer;
import io.mlbj.core.LbServerOptions;
import io.mlbj.core.demo.EchoBackend;
import io.mlbj.core.haproxy.ConfigInterpreter;
import io.mlbj.core.haproxy.MapFileReader;
import io.mlbj.core.routing.BindAddress;
import io.mlbj.core.routing.RoutingTable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * marathon-lb's {@code marathon_http_appid_in} frontend (9091, here 127.0.0.3:0) routes by
 * {@code X-Marathon-App-Id}, with ACLs or (map mode) {@code app2backend.map}, next to the stats frontend
 * whose {@code /_haproxy_getappmap} serves the same map text.
 */
class AppIdFrontendTest {
    private static final String APP_MAP = "/web web_10000\n/api api_10001\n";

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void routesByMarathonAppId(boolean mapMode) throws Exception {
        try (EchoBackend web = EchoBackend.start("web"); EchoBackend api = EchoBackend.start("api")) {
            String rules = mapMode
                    ? "  use_backend %[req.hdr(x-marathon-app-id),lower,map(/marathon-lb/app2backend.map)]\n"
                    : "  acl app__web hdr(x-marathon-app-id) -i /web\n  use_backend web_10000 if app__web\n"
                            + "  acl app__api hdr(x-marathon-app-id) -i /api\n  use_backend api_10001 if app__api\n";
            String config = AdminFixture.resource("haproxy_head.cfg").replace("bind 0.0.0.0:9090", "bind 127.0.0.1:0")
                    + "\nfrontend marathon_http_appid_in\n  bind 127.0.0.3:0\n  mode http\n" + rules
                    + "backend web_10000\n  mode http\n  server web 127.0.0.1:" + web.port() + "\n"
                    + "backend api_10001\n  mode http\n  server api 127.0.0.1:" + api.port() + "\n";
            var snapshot = new ConfigInterpreter(MapFileReader.of(Map.of("/marathon-lb/app2backend.map", APP_MAP)), false)
                    .interpret(config, "haproxy.cfg");
            AdminHooks hooks = new AdminHooks() {
                @Override
                public String appMap() {
                    return mapMode ? APP_MAP : "";
                }
            };
            LbServer lb = new LbServer(new RoutingTable(snapshot),
                    LbServerOptions.defaults().withAdmin(AdminOptions.DEFAULTS.withHooks(hooks))).start();
            try {
                HttpClient http = HttpClient.newHttpClient();
                int appId = lb.boundAddress(new BindAddress("127.0.0.3", 0)).getPort();
                int stats = lb.boundAddress(new BindAddress("127.0.0.1", 0)).getPort();
                assertThat(backendFor(http, appId, "/web").headers().firstValue(EchoBackend.NAME_HEADER)).hasValue("web");
                assertThat(backendFor(http, appId, "/API").headers().firstValue(EchoBackend.NAME_HEADER)).hasValue("api");
                assertThat(backendFor(http, appId, "/nope").statusCode()).isEqualTo(503);
                HttpResponse<String> map = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + stats + "/_haproxy_getappmap")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(map.body()).isEqualTo(mapMode ? APP_MAP : "");
            } finally {
                lb.close(Duration.ofSeconds(1));
            }
        }
    }

    private static HttpResponse<String> backendFor(HttpClient http, int port, String appId) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.3:" + port + "/"))
                .header("X-Marathon-App-Id", appId).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
