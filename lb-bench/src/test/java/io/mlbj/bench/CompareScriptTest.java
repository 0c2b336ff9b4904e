package io.mlbj.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.haproxy.ConfigInterpreter;
import io.mlbj.core.haproxy.MapFileReader;
import io.mlbj.core.routing.Frontend;
import io.mlbj.core.routing.RoutingSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** lb-bench/compare.sh without running it: the script parses, its templates exist and are filled completely. */
class CompareScriptTest {
    private static final Path SCRIPT = Path.of("compare.sh");
    private static final Path HAPROXY = Path.of("compare/haproxy.cfg.in");
    private static final Path NGINX = Path.of("compare/nginx.conf.in");
    private static final Pattern PLACEHOLDER = Pattern.compile("@([A-Z_]+)@");

    @Test
    void theScriptParses() throws IOException, InterruptedException {
        assertThat(SCRIPT).isRegularFile().isExecutable();
        Process bash = new ProcessBuilder("bash", "-n", SCRIPT.toString()).redirectErrorStream(true).start();
        assertThat(bash.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.exitValue()).as(output).isZero();
    }

    @Test
    void oursRunsWithTheContainersDefaultJvmFlags() throws IOException {
        String script = Files.readString(SCRIPT);
        String entrypoint = Files.readString(Path.of("../docker/run"));
        assertThat(assignment(script, "default_heap_opts")).isEqualTo(assignment(entrypoint, "DEFAULT_HEAP_OPTS"))
                .contains("-Xmx");
        assertThat(assignment(script, "default_gc_opts")).isEqualTo(assignment(entrypoint, "DEFAULT_GC_OPTS"))
                .startsWith("-XX:+Use");
    }

    private static String assignment(String script, String variable) {
        Matcher m = Pattern.compile("(?m)^" + variable + "=\"([^\"]*)\"$").matcher(script);
        assertThat(m.find()).as("%s=\"...\" assigned", variable).isTrue();
        return m.group(1);
    }

    @Test
    void everyPlaceholderOfTheTemplatesIsFilledByTheScript() throws IOException {
        String script = Files.readString(SCRIPT);
        Set<String> filled = placeholders(script);
        Set<String> used = new TreeSet<>(placeholders(Files.readString(HAPROXY)));
        used.addAll(placeholders(Files.readString(NGINX)));
        assertThat(used).contains("SERVER_CONNECTION_MODE", "LB_HTTP_PORT", "BACKEND_A_PORT", "CERT");
        assertThat(filled).containsAll(used);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http-server-close", "http-keep-alive"})
    void theRenderedConfigIsServedAsTheComparisonExpects(String mode) throws Exception {
        String text = Files.readString(HAPROXY)
                .replace("@SERVER_CONNECTION_MODE@", mode).replace("@GLOBAL_MAXCONN@", "9950")
                .replace("@DEFAULTS_MAXCONN@", "9950").replace("@CLIENT_TIMEOUT@", "30s")
                .replace("@KEEPALIVE_TIMEOUT@", "1s").replace("@LB_HTTP_PORT@", "18080")
                .replace("@LB_STICKY_PORT@", "18090").replace("@LB_HTTPS_PORT@", "18443")
                .replace("@BACKEND_A_PORT@", "18081").replace("@BACKEND_B_PORT@", "18082")
                .replace("@CERT@", "/tmp/compare-cert.pem");
        assertThat(placeholders(text)).isEmpty();

        RoutingSnapshot s = new ConfigInterpreter(MapFileReader.NONE, true).interpret(text, "haproxy.cfg");

        assertThat(s.frontends()).extracting(Frontend::name)
                .containsExactly("bench_http_in", "bench_sticky_in", "bench_https_in");
        assertThat(s.frontends().get(2).tls()).isNotNull();
        assertThat(s.backend("bench_http").servers()).hasSize(2);
        assertThat(s.backend("bench_http").forwardFor()).isTrue();
        assertThat(s.backend("bench_sticky").cookie()).isNotNull();
        assertThat(s.backend("bench_sticky").cookie().name()).isEqualTo("JSESSIONID");
        assertThat(s.backend("bench_http").serverClose()).isEqualTo(mode.equals("http-server-close"));
    }

    private static Set<String> placeholders(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
