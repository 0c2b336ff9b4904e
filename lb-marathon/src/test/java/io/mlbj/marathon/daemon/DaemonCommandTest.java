package io.mlbj.marathon.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.marathon.render.RenderOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: marathon-lb's flags and defaults, ours, errors (exit 2, one line), help and {@code --dry}. */
class DaemonCommandTest {

    private record Run(int code, String out, String err, DaemonSettings settings) {}

    private static Run run(Map<String, String> env, Path workDir, DaemonCommand.Runner runner, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicReference<DaemonSettings> captured = new AtomicReference<>();
        int code = DaemonCommand.execute(new DaemonCommand(env, workDir, s -> {
            captured.set(s);
            return runner.run(s);
        }), new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString(), captured.get());
    }

    private static Run run(String... args) {
        return run(Map.of(), Path.of("does-not-exist"), s -> 0, args);
    }

    @Test
    void marathonLbDefaults() {
        DaemonSettings s = run("--group", "external").settings();
        RenderOptions r = s.render();
        assertThat(s.source().marathon()).containsExactly(URI.create("http://master.mesos:8080"));
        assertThat(s.source().sse()).isFalse();
        assertThat(s.source().pollInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.source().maxBackoff()).isEqualTo(Duration.ofSeconds(300));
        assertThat(s.source().appsFile()).isEmpty();
        assertThat(r.groups()).containsExactly("external");
        assertThat(r.bindHttpHttps()).isTrue();
        assertThat(r.sslCertList()).containsExactly("/etc/ssl/cert.pem");
        assertThat(r.haproxyConfigPath()).isEqualTo("/etc/haproxy/haproxy.cfg");
        assertThat(List.of(r.statsPort(), r.httpPort(), r.httpsPort(), r.appidPort())).containsExactly(9090, 80, 443, 9091);
        assertThat(r.minServPortIpPerTask()).isEqualTo(10050);
        assertThat(r.maxServPortIpPerTask()).isEqualTo(10100);
        assertThat(r.bindAddress()).isNull();
        assertThat(s.lruCacheCapacity()).isEqualTo(1000);
        assertThat(s.dry()).isFalse();
        assertThat(s.ignoredFlagWarnings()).isEmpty();
        assertThat(s.accessLog()).isTrue();
    }

    @Test
    void everyFlagReachesItsSetting(@TempDir Path dir) throws Exception {
        Path creds = Files.writeString(dir.resolve("creds"), "u:p\n");
        Run run = run(Map.of("HAPROXY_HTTP_FRONTEND_HEAD", "\nfrontend x\n", "FRAMEWORK_NAME", "marathon-lb",
                        "PATH", "/bin"), dir, s -> 0,
                "-m", "http://m1:8080", "https://m2:8443", "--group", "a", "--group", "*", "-s", "-H", "--strict-mode",
                "--haproxy-map", "--dont-bind-http-https", "--group-https-by-vhost", "--ssl-certs", "/a.pem,/b.pem",
                "-d", "--min-serv-port-ip-per-task", "20000", "--max-serv-port-ip-per-task", "20010",
                "--max-backoff", "30", "--log-level", "WARNING", "--marathon-auth-credential-file", creds.toString(),
                "--auth-credentials", "x:y", "--marathon-ca-cert", "/ca.pem", "--haproxy-config", "/run/lb/haproxy.cfg",
                "--lru-cache-capacity", "50", "--apps-file", "/apps.json", "--stats-port", "19090", "--http-port",
                "10080", "--https-port", "10443", "--appid-port", "19091", "--bind-address", "127.0.0.1",
                "--poll-interval", "5", "--no-access-log");
        assertThat(run.code()).as(run.err()).isZero();
        DaemonSettings s = run.settings();
        RenderOptions r = s.render();
        assertThat(s.source().marathon()).containsExactly(URI.create("http://m1:8080"), URI.create("https://m2:8443"));
        assertThat(r.groups()).containsExactly("a", "*");
        assertThat(s.source().sse()).isTrue();
        assertThat(r.healthCheck()).isTrue();
        assertThat(r.strictMode()).isTrue();
        assertThat(r.haproxyMap()).isTrue();
        assertThat(r.bindHttpHttps()).isFalse();
        assertThat(r.groupHttpsByVhost()).isTrue();
        assertThat(r.sslCertList()).containsExactly("/a.pem", "/b.pem");
        assertThat(s.dry()).isTrue();
        assertThat(r.minServPortIpPerTask()).isEqualTo(20000);
        assertThat(r.maxServPortIpPerTask()).isEqualTo(20010);
        assertThat(s.source().maxBackoff()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.logLevel()).isEqualTo("WARN");
        assertThat(s.source().marathonAuthCredentialFile()).contains(creds);
        assertThat(s.source().authCredentials()).contains("x:y");
        assertThat(s.source().marathonCaCert()).contains(Path.of("/ca.pem"));
        assertThat(r.haproxyDir()).isEqualTo("/run/lb");
        assertThat(s.lruCacheCapacity()).isEqualTo(50);
        assertThat(s.source().appsFile()).contains(Path.of("/apps.json"));
        assertThat(List.of(r.statsPort(), r.httpPort(), r.httpsPort(), r.appidPort()))
                .containsExactly(19090, 10080, 10443, 19091);
        assertThat(r.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(s.source().pollInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(r.templateEnv()).containsOnlyKeys("HAPROXY_HTTP_FRONTEND_HEAD");
        assertThat(r.frameworkName()).isEqualTo("marathon-lb");
        assertThat(s.accessLog()).isFalse();
    }

    @Test
    void templateFilesAreReadFromTheTemplatesDirectory(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("templates"));
        Files.writeString(dir.resolve("templates/HAPROXY_BACKEND_HEAD"), "\nbackend {backend}\n  balance first\n");
        RenderOptions r = run(Map.of(), dir, s -> 0, "--group", "*").settings().render();
        assertThat(r.templateFiles().read("HAPROXY_BACKEND_HEAD")).contains("\nbackend {backend}\n  balance first\n");
        assertThat(r.templateFiles().read("HAPROXY_HEAD")).isEmpty();
    }

    @Test
    void haproxyProcessFlagsAreAcceptedWithOneWarningEach() {
        Run run = run("--group", "g", "-c", "sv reload haproxy", "--max-reload-retries", "3", "--reload-interval", "5",
                "--archive-versions", "2", "--skip-validation", "--skip-config-cleanup", "--syslog-socket", "/dev/null",
                "--log-format", "%(message)s", "--dcos-auth-credentials", "{}", "--haproxy-config", "/x/haproxy.cfg");
        assertThat(run.code()).isZero();
        List<String> warnings = run.settings().ignoredFlagWarnings();
        assertThat(warnings).hasSize(10);
        for (String flag : List.of("--command", "--max-reload-retries", "--reload-interval", "--archive-versions",
                "--skip-validation", "--skip-config-cleanup", "--syslog-socket", "--log-format",
                "--dcos-auth-credentials", "--haproxy-config")) {
            assertThat(warnings).filteredOn(w -> w.startsWith(flag + " ")).hasSize(1);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--sse                                           | --group is required",
            "--group g --no-such-flag                        | Unknown option: '--no-such-flag'",
            "--group g --stats-port nine                     | --stats-port",
            "--group g --http-port 70000                     | --http-port: 70000 (expected: 0..65535)",
            "--group g --poll-interval 0                     | --poll-interval: 0 (expected: >= 1)",
            "--group g --log-level LOUD                      | --log-level: 'LOUD'",
            "--group g --marathon ftp://m                    | --marathon: 'ftp://m'",
            "--group g --min-serv-port-ip-per-task 20000     | --min-serv-port-ip-per-task/--max-serv-port-ip-per-task",
            "--group g --bind-address                        | --bind-address",
    })
    void flagErrorsExitWithTwoAndOneLine(String args, String reason) {
        Run run = run(args.split(" +"));
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().lines().toList()).hasSize(1);
        assertThat(run.err()).startsWith("lb-marathon: error: ").contains(reason);
        assertThat(run.settings()).isNull();
    }

    @Test
    void helpListsTheFlagsAndLonghelpPrintsTheReference() {
        Run help = run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--marathon", "--group", "--sse", "--apps-file", "--bind-address", "demo")
                .doesNotContain("--reload-interval");
        Run longhelp = run("--longhelp");
        assertThat(longhelp.code()).isZero();
        assertThat(longhelp.out()).contains("## `HAPROXY_HEAD`", "## `HAPROXY_{n}_VHOST`");
    }

    @Test
    void dryPrintsTheConfigOfTheAppsFileAndExits(@TempDir Path dir) throws Exception {
        Path apps = dir.resolve("apps.json");
        Files.writeString(apps, "{\"apps\":[{\"id\":\"/web\",\"labels\":{\"HAPROXY_GROUP\":\"external\"},"
                + "\"portDefinitions\":[{\"port\":10001}],\"tasks\":[{\"id\":\"web.1\",\"host\":\"10.0.0.5\","
                + "\"ports\":[31001],\"state\":\"TASK_RUNNING\"}]},"
                + "{\"id\":\"/bad\",\"labels\":{\"HAPROXY_GROUP\":\"external\",\"HAPROXY_0_PORT\":\"x\"},"
                + "\"portDefinitions\":[{\"port\":10002}],\"tasks\":[]}]}", StandardCharsets.UTF_8);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        DaemonProcess process = new DaemonProcess(settings -> {
            throw new AssertionError("--dry must not start the load balancer");
        }, new PrintWriter(out), new PrintWriter(err), Duration.ofSeconds(1), d -> { });
        int code = DaemonCommand.execute(new DaemonCommand(Map.of(), dir, process), new PrintWriter(out),
                new PrintWriter(err), "--group", "external", "--apps-file", apps.toString(), "--dry");
        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("global\n").contains("frontend web_10001\n  bind *:10001\n")
                .contains("  server 10_0_0_5_31001 10.0.0.5:31001 id ");
        assertThat(err.toString()).contains("skipped: /bad");
    }

    @Test
    void dryFailsWithTheReasonWhenMarathonCannotBeReached() throws Exception {
        StringWriter err = new StringWriter();
        io.mlbj.marathon.emulator.MarathonEmulator gone = io.mlbj.marathon.emulator.MarathonEmulator.startDefault();
        String url = gone.url();
        gone.close();
        DaemonProcess process = new DaemonProcess(settings -> {
            throw new AssertionError("--dry must not start the load balancer");
        }, new PrintWriter(new StringWriter()), new PrintWriter(err), Duration.ofSeconds(1), d -> { });
        int code = DaemonCommand.execute(new DaemonCommand(Map.of(), Path.of("x"), process),
                new PrintWriter(new StringWriter()), new PrintWriter(err), "--group", "g", "--marathon", url, "--dry");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("cannot fetch the apps").contains(url);
    }

    @Test
    void aMissingCredentialFileIsAFlagError() {
        StringWriter err = new StringWriter();
        DaemonProcess process = new DaemonProcess(settings -> {
            throw new AssertionError("not reached");
        }, new PrintWriter(new StringWriter()), new PrintWriter(err), Duration.ofSeconds(1), d -> { });
        int code = DaemonCommand.execute(new DaemonCommand(Map.of(), Path.of("x"), process),
                new PrintWriter(new StringWriter()), new PrintWriter(err), "--group", "g",
                "--marathon-auth-credential-file", "/no/such/file");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("/no/such/file");
        assertThat(Optional.of(err.toString().lines().count())).contains(1L);
    }
}
