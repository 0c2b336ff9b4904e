package io.mlbj.marathon.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.marathon.services.HostResolver;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Flags and labels the transcribed cases do not exercise, rendered from Marathon JSON. */
class RenderFeaturesTest {
    private static final String HC = """
            "healthChecks": [{"protocol": "HTTP", "portIndex": 0, "path": "/ping", "intervalSeconds": 2,
                              "timeoutSeconds": 4, "gracePeriodSeconds": 1, "maxConsecutiveFailures": 10}]""";

    private static RenderResult render(RenderOptions options, String labels, String extra) {
        String json = """
                {"apps": [{"id": "/shop/web", "labels": {"HAPROXY_GROUP": "external"%s}, %s
                  "portDefinitions": [{"port": 10000}],
                  "tasks": [{"id": "w.1", "host": "10.0.0.1", "ports": [31000]}]}]}""".formatted(labels, extra);
        RenderResult r = new MarathonConfigGenerator(options, HostResolver.literalsOnly()).generate(json);
        assertThat(r.warnings()).isEmpty();
        return r;
    }

    private static RenderOptions.Builder external() {
        return RenderOptions.builder(List.of("external"));
    }

    @Test
    void dontBindHttpHttpsDropsTheVhostFrontendsButKeepsTheAppIdOne() {
        String config = render(external().bindHttpHttps(false).build(), ", \"HAPROXY_0_VHOST\": \"shop.example.com\"", "")
                .config();
        assertThat(config).doesNotContain("marathon_http_in", "marathon_https_in", "shop.example.com")
                .contains("\nfrontend marathon_http_appid_in\n  bind *:9091\n  mode http\n"
                        + "  acl app__shop_web hdr(x-marathon-app-id) -i /shop/web\n"
                        + "  use_backend shop_web_10000 if app__shop_web\n");
    }

    @Test
    void networkAllowedAclsInHttpAndTcpMode() {
        String http = render(external().build(), ", \"HAPROXY_0_MODE\": \"http\", "
                + "\"HAPROXY_0_BACKEND_NETWORK_ALLOWED_ACL\": \"10.0.0.0/8  192.168.0.1\"", "").config();
        assertThat(http).contains("  acl network_allowed src 10.0.0.0/8\n  acl network_allowed src 192.168.0.1\n"
                + "  http-request allow if network_allowed\n  http-request deny\n  server ");
        String tcp = render(external().build(), ", \"HAPROXY_0_BACKEND_NETWORK_ALLOWED_ACL\": \"10.0.0.0/8\"", "").config();
        assertThat(tcp).contains("  acl network_allowed src 10.0.0.0/8\n"
                + "  tcp-request content accept if network_allowed\n  tcp-request content reject\n");
    }

    @Test
    void stickyWithHealthCheckReadsCheckCookieThenCheckInter() {
        String config = render(external().build(), ", \"HAPROXY_0_STICKY\": \"true\"", HC + ",").config();
        assertThat(config).contains("  http-request add-header X-Forwarded-Proto https if { ssl_fc }\n"
                + "  cookie mesosphere_server_id insert indirect nocache\n"
                + "  option  httpchk GET /ping\n  timeout check 4s\n  server ")
                .containsPattern("  server 10_0_0_1_31000 10\\.0\\.0\\.1:31000 id \\d+ check cookie [0-9a-f]{10} check inter 2s fall 11\n");
    }

    @Test
    void otherPortsAreSubstitutedIntoTheGlobalFrontends() {
        String config = render(external().statsPort(19090).httpPort(8080).httpsPort(8443).appidPort(19091).build(),
                ", \"HAPROXY_0_VHOST\": \"shop.example.com\"", "").config();
        assertThat(config).contains("listen stats\n  bind 0.0.0.0:19090\n", "frontend marathon_http_in\n  bind *:8080\n",
                "frontend marathon_http_appid_in\n  bind *:19091\n",
                "frontend marathon_https_in\n  bind *:8443 ssl crt /etc/ssl/cert.pem\n");
    }

    @Test
    void perPortTemplateLabelsOverrideTheirTemplate() {
        String config = render(external().build(), ", \"HAPROXY_0_BACKEND_HEAD\": \"\\nbackend {backend}\\n  balance first\\n  mode {mode}\\n\","
                + " \"HAPROXY_0_FRONTEND_BACKEND_GLUE\": \"  default_backend {backend}\\n\"", "").config();
        assertThat(config).contains("\nbackend shop_web_10000\n  balance first\n  mode tcp\n",
                "\nfrontend shop_web_10000\n  bind *:10000\n  mode tcp\n  default_backend shop_web_10000\n");
    }

    @Test
    void groupStarTakesUngroupedAppsAndOtherGroupsSkipThem() {
        String json = """
                {"apps": [{"id": "/free", "portDefinitions": [{"port": 10000}],
                  "tasks": [{"id": "f.1", "host": "10.0.0.1", "ports": [31000]}]}]}""";
        assertThat(new MarathonConfigGenerator(RenderOptions.builder(List.of("*")).build(), HostResolver.literalsOnly())
                .generate(json).config()).contains("\nbackend free_10000\n");
        RenderResult external = new MarathonConfigGenerator(external().build(), HostResolver.literalsOnly()).generate(json);
        assertThat(external.config()).doesNotContain("free_10000");
        assertThat(external.warnings()).isEmpty();
    }
}
