package io.mlbj.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.demo.EchoBackend;
import io.mlbj.core.proxy.RawHttp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lb-core.jar}'s main: flags, exit codes, a config file edited on disk, SIGHUP and SIGTERM. */
class LbCoreMainTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private EchoBackend a;
    private EchoBackend b;
    private Path config;

    @BeforeEach
    void backends() throws IOException {
        a = EchoBackend.start("a");
        b = EchoBackend.start("b");
        config = dir.resolve("haproxy.cfg");
        Files.writeString(config, LoadBalancerTest.config("", a));
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
    }

    /** Runs main in-process until it returns (for the cases that end by themselves); status and stderr. */
    private static Object[] runToEnd(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = new LbCoreMain(new PrintWriter(out), new PrintWriter(err)).run(args, false);
        return new Object[] {status, err.toString(), out.toString()};
    }

    @Test
    void flagErrorsExitTwoWithOneLine() {
        String cfg = config.toString();
        List<String[]> bad = List.of(
                new String[] {},
                new String[] {"--config"},
                new String[] {"--config", cfg, "--bogus"},
                new String[] {"--config", cfg, "--stats-port", "http"},
                new String[] {"--config", cfg, "--stats-port", "70000"},
                new String[] {"--config", cfg, "--log-level", "LOUD"},
                new String[] {"--config", cfg, "--tls-provider", "nss"},
                new String[] {"--config", cfg, "--drain-timeout", "-1"});
        for (String[] args : bad) {
            Object[] r = runToEnd(args);
            assertThat(r[0]).as("status of %s", List.of(args)).isEqualTo(2);
            String err = (String) r[1];
            assertThat(err.lines().count()).as("stderr of %s: %s", List.of(args), err).isEqualTo(1);
            assertThat(err).startsWith("lb-core: ").endsWith("(see --help)" + System.lineSeparator());
        }
        assertThat((String) runToEnd("--config", cfg, "--log-level", "LOUD")[1]).contains("--log-level: 'LOUD'");
        assertThat((String) runToEnd()[1]).contains("--config");
    }

    @Test
    void helpExitsZero() {
        Object[] r = runToEnd("--help");
        assertThat(r[0]).isEqualTo(0);
        assertThat((String) r[2]).contains("--config", "--stats-port", "--strict-config", "--map-dir", "--log-level",
                "--no-access-log");
    }

    @Test
    void configThatCannotBeServedExitsOneListingEveryProblem() throws IOException {
        String text = LoadBalancerTest.config("", a)
                .replace("  default_backend app\n", "  default_backend app\n  use_backend one\n  use_backend two\n");
        Files.writeString(config, text);

        Object[] r = runToEnd("--config", config.toString());

        assertThat(r[0]).isEqualTo(1);
        assertThat((String) r[1]).contains("cannot be served (2 problems)",
                config + ":15: use_backend: no backend named 'one'",
                config + ":16: use_backend: no backend named 'two'");
    }

    @Test
    void missingConfigFileExitsOne() {
        Object[] r = runToEnd("--config", dir.resolve("absent.cfg").toString());
        assertThat(r[0]).isEqualTo(1);
        assertThat((String) r[1]).contains("cannot read " + dir.resolve("absent.cfg"));
    }

    @Test
    void unsupportedDirectiveUnderStrictConfigExitsOne() throws IOException {
        Files.writeString(config, LoadBalancerTest.config("  frobnicate on\n", a));
        Object[] r = runToEnd("--config", config.toString(), "--strict-config");
        assertThat(r[0]).isEqualTo(1);
        assertThat((String) r[1]).contains(config + ":17: ", "frobnicate");
    }

    private static String backendAt(int port) throws IOException {
        try (RawHttp c = new RawHttp(port)) {
            RawHttp.Response r = c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read(false);
            return r.status() + " " + r.header(EchoBackend.NAME_HEADER);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }

    private static BooleanSupplier answersFrom(int port, String backend) {
        return () -> {
            try {
                return backendAt(port).equals("200 " + backend);
            } catch (IOException e) {
                return false;
            }
        };
    }

    /** Replaces {@code target} the way editors and config tools do: write a new file, rename it over. */
    private void replaceByRename(Path target, String text) throws IOException {
        Path tmp = Files.writeString(dir.resolve(target.getFileName() + ".tmp"), text);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void configEditedOnDiskTakesEffectAndABrokenEditKeepsTheLastGoodOne() throws Exception {
        LbCoreMain main = new LbCoreMain(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(
                () -> main.run(new String[] {"--config", config.toString(), "--watch-interval", "50",
                        "--io-threads", "1", "--drain-timeout", "1"}, false));
        try {
            LoadBalancer lb = main.awaitStarted(PATIENCE);
            assertThat(lb).as("started").isNotNull();
            int port = lb.boundAddress("web").getPort();
            assertThat(backendAt(port)).isEqualTo("200 a");

            replaceByRename(config, LoadBalancerTest.config("", b));
            await("server b after a rename", answersFrom(port, "b"));

            String broken = LoadBalancerTest.config("", a).replace("  default_backend app\n", "  use_backend zzz\n");
            Files.writeString(config, broken);
            await("the broken edit reported", () -> main.reloader().lastFailure().isPresent());
            assertThat(main.reloader().lastFailure().get()).contains(config + ":14: use_backend: no backend named 'zzz'");
            assertThat(backendAt(port)).isEqualTo("200 b");

            // An edit in place (same file, same inode) with the first config back.
            Files.writeString(config, LoadBalancerTest.config("", a));
            await("server a after an edit in place", answersFrom(port, "a"));
            assertThat(main.reloader().lastFailure()).isEmpty();
            assertThat(lb.boundAddress("web").getPort()).isEqualTo(port);
        } finally {
            main.stop();
        }
        assertThat(status.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(0);
    }

    @Test
    void mapFileEditedInTheMapDirTakesEffect() throws Exception {
        Path mapDir = Files.createDirectory(dir.resolve("maps"));
        Files.writeString(mapDir.resolve("domain2backend.map"), "x be_a\n");
        Files.writeString(config, """
                defaults
                  mode http
                  timeout connect 3s
                  timeout client 30s
                  timeout server 30s
                frontend web
                  bind 127.0.0.1:0
                  use_backend %[req.hdr(host),lower,regsub(:.*$,,),map(/etc/haproxy/domain2backend.map)]
                backend be_a
                  server a 127.0.0.1:PA
                backend be_b
                  server b 127.0.0.1:PB
                """.replace("PA", Integer.toString(a.port())).replace("PB", Integer.toString(b.port())));
        LbCoreMain main = new LbCoreMain(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> main.run(new String[] {
                "--config", config.toString(), "--map-dir", mapDir.toString(), "--watch-interval", "50"}, false));
        try {
            LoadBalancer lb = main.awaitStarted(PATIENCE);
            assertThat(lb).as("started").isNotNull();
            int port = lb.boundAddress("web").getPort();
            assertThat(backendAt(port)).isEqualTo("200 a");

            replaceByRename(mapDir.resolve("domain2backend.map"), "x be_b\n");

            await("server b after the map changed", answersFrom(port, "b"));
        } finally {
            main.stop();
        }
        assertThat(status.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(0);
    }

    @Test
    void childProcessReloadsOnSighupAndDrainsAndExitsZeroOnSigterm() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // A watch interval of an hour: only SIGHUP can make the edit below take effect in time.
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                LbCoreMain.class.getName(), "--config", config.toString(), "--watch-interval", "3600000",
                "--io-threads", "1", "--drain-timeout", "2")
                .redirectErrorStream(true).start();
        List<String> output = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Pattern listening = Pattern.compile("listening on /127\\.0\\.0\\.1:(\\d+)");
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    output.add(line);
                    Matcher m = listening.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            port.completeExceptionally(new AssertionError("no listening line in " + output));
        }, "child-output");
        reader.setDaemon(true);
        reader.start();
        try {
            int lbPort = port.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(backendAt(lbPort)).isEqualTo("200 a");

            Files.writeString(config, LoadBalancerTest.config("", b));
            Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).inheritIO().start();
            assertThat(kill.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(kill.exitValue()).isZero();
            await("server b after SIGHUP", answersFrom(lbPort, "b"));
            // The new config serves before its "applied" line is logged and read back: wait for the line too.
            await("the SIGHUP reload logged", () -> output.stream()
                    .anyMatch(l -> l.contains("(SIGHUP)") && l.contains("servers +1 -1")));

            p.destroy(); // SIGTERM
            assertThat(p.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("exited; output %s", output).isTrue();
            assertThat(p.exitValue()).as("exit status; output %s", output).isZero();
        } finally {
            p.destroyForcibly();
        }
    }
}
