package io.mlbj.marathon.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.marathon.services.BackendServer;
import io.mlbj.marathon.services.Service;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Template precedence (label, environment, file, default), ports and global default options. */
class TemplateSetTest {
    private static final Service PLAIN = Service.builder("/app", 0, 10000)
            .backend(new BackendServer("h", "1.2.3.4", 1, false)).build();

    @Test
    void labelBeatsEnvironmentBeatsFileBeatsDefault() {
        Service labelled = Service.builder("/app", 2, 10000).templateOverride("BACKEND_HEAD", "label\n")
                .backend(new BackendServer("h", "1.2.3.4", 1, false)).build();
        RenderOptions all = RenderOptions.builder(List.of("*"))
                .templateEnv(Map.of("HAPROXY_BACKEND_HEAD", "env\\nline"))
                .templateFiles(TemplateFiles.of(Map.of("HAPROXY_BACKEND_HEAD", "file\n", "HAPROXY_FRONTEND_HEAD", "ffile\n")))
                .build();
        TemplateSet set = new TemplateSet(all);
        assertThat(set.forService("BACKEND_HEAD", labelled)).isEqualTo(new TemplateSet.Resolved("label\n", "HAPROXY_2_BACKEND_HEAD"));
        assertThat(set.forService("BACKEND_HEAD", PLAIN).text()).isEqualTo("env\nline");
        assertThat(set.forService("FRONTEND_HEAD", PLAIN).text()).isEqualTo("ffile\n");
        assertThat(set.forService("FRONTEND_BACKEND_GLUE", PLAIN).text()).isEqualTo("  use_backend {backend}\n");
    }

    @Test
    void mapTemplatesReadTheLabelOfTheirNonMapTwinAndRedirCannotBeOverridden() {
        Service s = Service.builder("/app", 0, 10000).templateOverride("HTTP_FRONTEND_ACL", "mine\n")
                .templateOverride("MAP_HTTP_FRONTEND_ACL", "dead\n").redirpath("/x")
                .backend(new BackendServer("h", "1.2.3.4", 1, false)).build();
        TemplateSet set = new TemplateSet(RenderOptions.builder(List.of("*")).build());
        assertThat(set.forService("MAP_HTTP_FRONTEND_ACL", s).text()).isEqualTo("mine\n");
        assertThat(set.forService("HTTP_BACKEND_REDIR", s).text()).startsWith("  acl is_root path -i /\n");
        assertThat(set.forService("HEAD", s).text()).startsWith("global\n");
    }

    @Test
    void portsAreSubstitutedIntoTheDefaultsOnly() {
        TemplateSet set = new TemplateSet(RenderOptions.builder(List.of("*"))
                .statsPort(19090).httpPort(8080).httpsPort(8443).appidPort(19091).build());
        assertThat(set.global("HEAD")).contains("\n  bind 0.0.0.0:19090\n").doesNotContain(":9090");
        assertThat(set.global("HTTP_FRONTEND_HEAD")).isEqualTo("\nfrontend marathon_http_in\n  bind *:8080\n  mode http\n");
        assertThat(set.global("HTTP_FRONTEND_APPID_HEAD")).contains("bind *:19091\n");
        assertThat(set.global("HTTPS_FRONTEND_HEAD")).contains("bind *:8443 ssl {sslCerts}\n");
        assertThat(set.global("HTTPS_GROUPED_FRONTEND_HEAD")).contains("bind *:8443\n");
        assertThat(set.defaultOf("HTTP_FRONTEND_HEAD").text()).contains("bind *:8080\n");
    }

    @Test
    void globalDefaultOptionsAreStrippedDeduplicatedAndSorted() {
        assertThat(TemplateSet.optionLines(" tcplog,httplog ,tcplog"))
                .isEqualTo("  option            httplog\n  option            tcplog\n");
        TemplateSet set = new TemplateSet(RenderOptions.builder(List.of("*"))
                .templateEnv(Map.of("HAPROXY_GLOBAL_DEFAULT_OPTIONS", "redispatch")).build());
        assertThat(set.global("HEAD")).contains("  timeout tarpit          60s\n  option            redispatch\nlisten stats\n");
    }

    @Test
    void defaultsAreMarathonLbsTemplatesVerbatim() {
        TemplateSet set = new TemplateSet(RenderOptions.builder(List.of("*")).build());
        assertThat(set.global("HEAD")).isEqualTo(ConformanceCases.json("index.json").get("base_config_default").asText());
        for (var t : ConformanceCases.json("templates_default.json").get("templates")) {
            assertThat(set.global(t.get("short_name").asText())).as(t.get("name").asText())
                    .isEqualTo(t.get("default").asText());
        }
    }

    @Test
    void all53TemplatesAreKnown() {
        assertThat(DefaultTemplates.shortNames()).hasSize(53).contains("HEAD", "BACKEND_SERVER_OPTIONS",
                "HTTPS_GROUPED_VHOST_FRONTEND_HEAD", "TCP_BACKEND_ACL_ALLOW_DENY");
    }
}
