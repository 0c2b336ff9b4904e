package io.mlbj.marathon.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The container files cannot be built here (no Docker engine), so their contents are checked instead. */
class ContainerFilesTest {
    private static final Path ROOT = projectRoot();
    // The defaults docker/run applies when JAVA_OPTS names no heap size or collector (figures: docs/notes/tlsmem.md).
    private static final String DEFAULT_HEAP = "-Xmx128m";
    private static final String DEFAULT_GC = "-XX:+UseSerialGC";

    private static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docker/Dockerfile"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("docker/Dockerfile not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    @Test
    void appDefinitionRunsOnTheHostNetworkAndIsHealthCheckedOnTheStatsPort() throws IOException {
        JsonNode app = new ObjectMapper().readTree(ROOT.resolve("docker/marathon-lb-java.json").toFile());
        assertThat(app.path("networks").get(0).path("mode").asText()).isEqualTo("host");
        JsonNode check = app.path("healthChecks").get(0);
        assertThat(check.path("path").asText()).isEqualTo("/_haproxy_health_check");
        int portIndex = check.path("portIndex").asInt();
        assertThat(app.path("portDefinitions").get(portIndex).path("port").asInt()).isEqualTo(9090);
        assertThat(app.path("args").get(0).asText()).isIn("sse", "poll");
    }

    @Test
    void dockerfileCopiesPathsThatExistAndTheJarTheBuildProduces() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("docker/Dockerfile"));
        Matcher copy = Pattern.compile("(?m)^COPY (?!--from)(\\S+)").matcher(dockerfile);
        List<String> sources = new ArrayList<>();
        while (copy.find()) {
            sources.add(copy.group(1));
        }
        assertThat(sources).contains("pom.xml", "lb-core", "lb-marathon", "docker/run");
        for (String source : sources) {
            assertThat(ROOT.resolve(source)).as("COPY source %s", source).exists();
        }
        String pom = Files.readString(ROOT.resolve("lb-marathon/pom.xml"));
        assertThat(pom).contains("<outputFile>${project.build.directory}/lb-marathon.jar</outputFile>");
        assertThat(dockerfile).contains("/src/lb-marathon/target/lb-marathon.jar");
    }

    @Test
    void sseModeWritesCertificatesFromTheEnvironmentAndPassesMarathonLbFlags(@TempDir Path certs) throws Exception {
        Map<String, String> env = Map.of(
                "LB_PRINT_COMMAND", "1",
                "LB_CERT_DIR", certs.toString(),
                "HAPROXY_SSL_CERT", "-----BEGIN CERTIFICATE-----\nAAA\n-----END CERTIFICATE-----",
                "HAPROXY_SSL_CERT3", "PEM3",
                "MARATHON_USER", "ops",
                "MARATHON_PASSWORD", "s3cret");
        RunResult result = run(env, "sse", "--group", "external");
        assertThat(result.exitCode).isZero();
        assertThat(result.lines).containsSubsequence("-jar", "/opt/lb/lb-marathon.jar", "--sse");
        assertThat(result.lines).containsSubsequence(
                "--ssl-certs", certs.resolve("cert.pem") + "," + certs.resolve("cert3.pem"));
        assertThat(result.lines).containsSubsequence("--auth-credentials", "ops:s3cret");
        assertThat(result.lines).endsWith("--group", "external");
        assertThat(Files.readString(certs.resolve("cert3.pem"))).isEqualTo("PEM3\n");
    }

    @Test
    void pollModeUsesThePollInterval() throws Exception {
        RunResult result = run(Map.of("LB_PRINT_COMMAND", "1", "POLL_INTERVAL", "15"), "poll", "--group", "*");
        assertThat(result.exitCode).isZero();
        assertThat(result.lines).containsSubsequence("--poll-interval", "15", "--group", "*");
        assertThat(result.lines).doesNotContain("--sse", "--ssl-certs");
    }

    @Test
    void anUnknownModeIsAUsageError() throws Exception {
        RunResult result = run(Map.of("LB_PRINT_COMMAND", "1"), "watch");
        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.stderr).contains("usage: run sse|poll");
    }

    @Test
    void raisesTheOpenFileLimitToTheHardLimitAndSaysSo() throws Exception {
        Process hard = new ProcessBuilder("bash", "-c", "ulimit -Hn").start();
        assertThat(hard.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String hardLimit = new String(hard.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        RunResult result = run(Map.of("LB_PRINT_COMMAND", "1"), "sse");
        assertThat(result.exitCode).isZero();
        assertThat(result.stderr).contains("run: open file limit " + hardLimit);
    }

    @Test
    void boundsTheHeapAndPicksTheCollectorUnlessJavaOptsDoes() throws Exception {
        RunResult defaults = run(Map.of("LB_PRINT_COMMAND", "1"), "sse");
        assertThat(defaults.lines).startsWith("java").contains(DEFAULT_HEAP, DEFAULT_GC);
        assertThat(defaults.lines.indexOf(DEFAULT_HEAP)).isLessThan(defaults.lines.indexOf("-jar"));

        RunResult ownHeap = run(Map.of("LB_PRINT_COMMAND", "1", "JAVA_OPTS", "-Xmx512m -Dx=1"), "sse");
        assertThat(ownHeap.lines).contains("-Xmx512m", "-Dx=1", DEFAULT_GC).doesNotContain(DEFAULT_HEAP);

        RunResult ownCollector = run(Map.of("LB_PRINT_COMMAND", "1", "JAVA_OPTS", "-Xmx256m -XX:+UseG1GC"), "sse");
        assertThat(ownCollector.lines).containsSubsequence("-Xmx256m", "-XX:+UseG1GC", "-jar")
                .doesNotContain(DEFAULT_HEAP, DEFAULT_GC);
    }

    private record RunResult(int exitCode, List<String> lines, String stderr) {}

    private static RunResult run(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("docker/run").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("HAPROXY_") || k.startsWith("MARATHON_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new RunResult(process.exitValue(), out.lines().toList(), err);
    }
}
