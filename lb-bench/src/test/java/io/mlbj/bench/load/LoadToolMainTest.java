package io.mlbj.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlbj.bench.load.ScriptedHttpServer.Reply;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line: the loopback guard, option errors, the JSON result and the HTML charts. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LoadToolMainTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(String... args) {
        CommandLine cli = LoadToolMain.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void refusesNonLoopbackTargetsWithExitCode2() {
        assertThat(execute("run", "--url", "http://10.1.2.3:8080/", "-n", "1")).isEqualTo(2);
        assertThat(err.toString()).contains("refusing to load '10.1.2.3'").contains("--allow-remote");

        assertThat(execute("run", "--url", "https://app.example.com/", "-n", "1")).isEqualTo(2);
        assertThat(execute("run", "--url", "http://127.0.0.1:1/", "--connect-to", "192.168.0.1", "-n", "1"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("refusing to load '192.168.0.1'");
    }

    @Test
    void withoutASubcommandTheUsageIsShownWithExitCode2() {
        assertThat(execute()).isEqualTo(2);
        assertThat(err.toString()).contains("a subcommand is required").contains("run").contains("chart");
        assertThat(execute("run", "--help")).isZero();
        assertThat(out.toString()).contains("--new-connection-per-request").contains("--sticky-check");
    }

    @Test
    void badOptionsExitWith2AndNameTheOption() {
        assertThat(execute("run", "--url", "ftp://127.0.0.1/", "-n", "1")).isEqualTo(2);
        assertThat(err.toString()).contains("--url").contains("http://");
        assertThat(execute("run", "--url", "http://127.0.0.1/", "-c", "0", "-n", "1")).isEqualTo(2);
        assertThat(err.toString()).contains("--connections: 0");
        assertThat(execute("run", "--url", "http://127.0.0.1/", "-d", "soon")).isEqualTo(2);
        assertThat(err.toString()).contains("soon");
    }

    @Test
    void runWritesAValidJsonResultAndAChart() throws Exception {
        Path json = dir.resolve("ours.json");
        Path html = dir.resolve("ours.html");
        try (ScriptedHttpServer server = new ScriptedHttpServer((req, i, c) ->
                i % 10 == 9 ? new Reply(503, java.util.Map.of(), "busy", 0) : Reply.ok("fine"))) {
            int code = execute("run", "--url", "http://127.0.0.1:" + server.port() + "/", "-c", "2", "-n", "100",
                    "--label", "ours", "--json", json.toString(), "--html", html.toString());
            assertThat(code).as(err.toString()).isZero();
        }
        assertThat(out.toString()).contains("100 responses (90 2xx)").contains("status_503=10");

        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.path("format").asText()).isEqualTo(ResultJson.FORMAT);
        assertThat(root.path("label").asText()).isEqualTo("ours");
        assertThat(root.path("config").path("connections").asInt()).isEqualTo(2);
        assertThat(root.path("config").path("mode").asText()).isEqualTo("closed");
        assertThat(root.path("counts").path("responses").asLong()).isEqualTo(100);
        assertThat(root.path("counts").path("ok").asLong()).isEqualTo(90);
        assertThat(root.path("errors").path("status_503").asLong()).isEqualTo(10);
        assertThat(root.path("rate").path("responsesPerSecond").asDouble()).isPositive();
        assertThat(root.path("rate").path("toolCpuMicrosPerResponse").asDouble()).isPositive();
        JsonNode latency = root.path("latencyMs");
        assertThat(latency.path("count").asLong()).isEqualTo(100);
        assertThat(latency.path("p50").asDouble()).isPositive()
                .isLessThanOrEqualTo(latency.path("p90").asDouble());
        assertThat(latency.path("p99").asDouble()).isLessThanOrEqualTo(latency.path("max").asDouble());
        JsonNode distribution = root.path("distribution");
        assertThat(distribution.size()).isGreaterThan(2);
        double lastPercentile = -1;
        for (JsonNode p : distribution) {
            assertThat(p.path("percentile").asDouble()).isGreaterThanOrEqualTo(lastPercentile);
            lastPercentile = p.path("percentile").asDouble();
        }
        assertThat(lastPercentile).isEqualTo(100.0);

        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertThat(page).contains("<svg").contains("ours");
        assertThat(count(page, "<path class=\"series\"")).isEqualTo(1);
    }

    @Test
    void chartCombinesSeveralResultsWithALegend() throws Exception {
        Path a = dir.resolve("direct.json");
        Path b = dir.resolve("proxy.json");
        try (ScriptedHttpServer server = new ScriptedHttpServer((req, i, c) -> Reply.ok("x"))) {
            String url = "http://127.0.0.1:" + server.port() + "/";
            assertThat(execute("run", "--url", url, "-n", "50", "--label", "direct", "--json", a.toString()))
                    .isZero();
            assertThat(execute("run", "--url", url, "-n", "50", "--label", "proxy <&>", "--json", b.toString()))
                    .isZero();
        }
        Path html = dir.resolve("both.html");
        assertThat(execute("chart", a.toString(), b.toString(), "--html", html.toString(), "--title", "side by side"))
                .isZero();

        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("<svg").contains("side by side")
                .contains(">direct<").contains("proxy &lt;&amp;&gt;").doesNotContain("proxy <&>");
        assertThat(count(page, "<path class=\"series\"")).isEqualTo(2);
        assertThat(count(page, "<path")).isEqualTo(2);
    }

    @Test
    void chartRejectsFilesThatAreNotResults() throws Exception {
        Path bogus = dir.resolve("bogus.json");
        Files.writeString(bogus, "{\"hello\": 1}");
        assertThat(execute("chart", bogus.toString(), "--html", dir.resolve("x.html").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("bogus.json").contains("not a load-tool result");

        Files.writeString(bogus, "{not json");
        assertThat(execute("chart", bogus.toString(), "--html", dir.resolve("x.html").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("not valid JSON");

        assertThat(execute("chart", dir.resolve("missing.json").toString(), "--html",
                dir.resolve("x.html").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("missing.json");
    }

    private static int count(String text, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
