package io.mlbj.marathon.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.marathon.services.AppWarning;
import io.mlbj.marathon.services.HostResolver;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A malformed label skips only its app's service port, with a warning naming app, port index and label. */
class BadInputTest {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "HAPROXY_1_PORT|abc|expected an integer",
            "HAPROXY_1_PORT|99999|expected: 0..65535",
            "HAPROXY_1_AUTH|realm:user|3 parts",
            "HAPROXY_1_BACKEND_WEIGHT|heavy|expected an integer",
            "HAPROXY_1_BACKEND_HEALTHCHECK_PORT_INDEX|1.5|expected an integer",
            "HAPROXY_1_FRONTEND_HEAD|'\\nfrontend {backend}\\n  bind {nope}:{servicePort}\\n'|unknown placeholder {nope}",
            "HAPROXY_1_BACKEND_SERVER_OPTIONS|'  server {serverName {host_ipv4}\\n'|nested fields",
            "HAPROXY_1_BACKEND_HEAD|'backend {backend}} x\\n'|Single '}'"})
    void badLabelSkipsOnlyThatPort(String label, String value, String expectedMessage) {
        String json = """
                {"apps": [
                  {"id": "/bad", "labels": {"HAPROXY_GROUP": "external", "%s": "%s"},
                   "portDefinitions": [{"port": 10000}, {"port": 10001}],
                   "tasks": [{"id": "bad.1", "host": "10.0.0.1", "ports": [31000, 31001], "state": "TASK_RUNNING"}]},
                  {"id": "/good", "labels": {"HAPROXY_GROUP": "external"},
                   "portDefinitions": [{"port": 10002}],
                   "tasks": [{"id": "good.1", "host": "10.0.0.2", "ports": [31002]}]}
                ]}""".formatted(label, value.replace("\n", "\\n"));
        RenderResult result = new MarathonConfigGenerator(RenderOptions.builder(List.of("external")).build(),
                HostResolver.literalsOnly()).generate(json);

        assertThat(result.warnings()).hasSize(1);
        AppWarning w = result.warnings().get(0);
        assertThat(w.appId()).isEqualTo("/bad");
        assertThat(w.portIndex()).isEqualTo(1);
        assertThat(w.label()).isEqualTo(label);
        assertThat(w.message()).contains(expectedMessage);
        assertThat(result.config())
                .contains("\nfrontend bad_10000\n", "\nbackend good_10002\n", "server 10_0_0_2_31002 10.0.0.2:31002")
                .doesNotContain("bad_10001", "31001");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "HAPROXY_HTTPS_FRONTEND_HEAD|'\\nfrontend marathon_https_in\\n  bind *:443 ssl {certs}\\n'",
            "HAPROXY_HTTPS_FRONTEND_HEAD|'{'"})
    void badGlobalOverrideFallsBackToTheDefaultWithAWarning(String variable, String value) {
        RenderOptions options = RenderOptions.builder(List.of("*"))
                .templateEnv(Map.of(variable, value)).build();
        RenderResult result = new MarathonConfigGenerator(options, HostResolver.literalsOnly()).generate("{\"apps\": []}");
        assertThat(result.warnings()).singleElement().satisfies(w -> {
            assertThat(w.label()).startsWith(variable);
            assertThat(w.portIndex()).isEqualTo(-1);
        });
        assertThat(result.config()).contains("\nfrontend marathon_https_in\n  bind *:443 ssl crt /etc/ssl/cert.pem\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"{\"apps\": 3}", "[1, 2", "{\"apps\": [{\"id\": \"/x\", \"tasks\": 5}]}"})
    void malformedJsonIsAClearError(String json) {
        MarathonConfigGenerator generator = new MarathonConfigGenerator(
                RenderOptions.builder(List.of("*")).build(), HostResolver.literalsOnly());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> generator.generate(json))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Marathon app");
    }
}
