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

    @Test
    void pairedRatiosAreTakenTurnByTurnWithASignTestInterval() throws Exception {
        // ours / haproxy-tuned req/s per turn: 1.05 0.90 1.20 1.00 0.95 1.10 1.02 (sorted 0.90 0.95 1.00 1.02 1.05
        // 1.10 1.20); p99 is missing from ours's turn 7 and cpu from HAProxy's turn 3; a failed turn 8 pairs nothing
        int[] ours = {105, 90, 120, 100, 95, 110, 102};
        StringBuilder tsv = new StringBuilder(
                "scenario\ttarget\treq_per_s\tp50_ms\tp99_ms\tcpu_s_per_100k\tpeak_rss_mib\tkib_per_idle_conn\terrors\tnote\n");
        for (int turn = 1; turn <= 7; turn++) {
            tsv.append(row("http-1k", "haproxy-tuned", "100", "2.0", turn == 3 ? "-" : "4.0", "turn " + turn + "; user 30 %"));
            tsv.append(row("http-1k", "ours", String.valueOf(ours[turn - 1]), turn == 7 ? "-" : "1.0", "2.0",
                    "turn " + turn + "; user 33 %"));
            tsv.append(row("http-1k", "direct", "300", "1.0", "-", "turn " + turn));
        }
        tsv.append(row("http-1k", "ours", "-", "-", "-", "turn 8; load tool failed"));
        tsv.append(row("sticky-1k", "haproxy-tuned", "200", "1.0", "1.0", ""));
        tsv.append(row("sticky-1k", "ours", "150", "1.0", "1.0", ""));
        Path results = Files.createTempFile("results", ".tsv");
        try {
            Files.writeString(results, tsv);
            Process awk = new ProcessBuilder("awk", "-F\t", "-v", "num=ours", "-v", "den=haproxy-tuned", "-f",
                    "compare/paired-ratios.awk", results.toString()).redirectErrorStream(true).start();
            assertThat(awk.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String output = new String(awk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(awk.exitValue()).as(output).isZero();
            assertThat(output.lines().map(String::strip).map(l -> l.replaceAll(" {2,}", " | ")))
                    .containsExactly("scenario | pairs | req/s | p99 | cpu",
                            "http-1k | 7 | 1.02 [0.95..1.10 87.5%] | 0.50 [0.50..0.50 96.9%] | 0.50 [0.50..0.50 96.9%]",
                            "sticky-1k | 1 | 0.75 | 1.00 | 1.00");
        } finally {
            Files.delete(results);
        }
    }

    private static String row(String scenario, String target, String rate, String p99, String cpu, String note) {
        return String.join("\t", scenario, target, rate, "0.5", p99, cpu, "100", "-", "0", note) + "\n";
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
