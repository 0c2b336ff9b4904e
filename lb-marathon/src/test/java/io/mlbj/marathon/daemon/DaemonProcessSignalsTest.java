package io.mlbj.marathon.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.marathon.MarathonLbMain;
import io.mlbj.marathon.testing.Await;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The daemon as a process: SIGHUP re-syncs, SIGTERM drains and exits 0. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class DaemonProcessSignalsTest {

    @Test
    void hupResyncsAndTermStopsGracefullyWithExitCodeZero(@TempDir Path dir) throws Exception {
        Path apps = Files.writeString(dir.resolve("apps.json"), "{\"apps\":[]}");
        Process process = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), MarathonLbMain.class.getName(),
                "--apps-file", apps.toString(), "--group", "test", "--dont-bind-http-https",
                "--stats-port", "0", "--appid-port", "0", "--bind-address", "127.0.0.1"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<String> log = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (log) {
                        log.add(line);
                    }
                }
            } catch (java.io.IOException e) {
                // the process is gone
            }
        });
        reader.start();
        try {
            Await.until("the first config is live", () -> logged(log, "config changed in"));
            new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).start().waitFor();
            Await.until("SIGHUP asks for a re-sync", () -> logged(log, "re-sync requested"));
            assertThat(process.isAlive()).isTrue();

            // not Process.destroy(): it also closes our end of the child's stderr
            new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isZero();
            reader.join(5_000);
            assertThat(logged(log, "stopping: letting requests in progress finish")).as(String.join("\n", log)).isTrue();
            assertThat(logged(log, "stopped")).as(String.join("\n", log)).isTrue();
        } finally {
            process.destroyForcibly();
        }
    }

    private static boolean logged(List<String> log, String text) {
        synchronized (log) {
            return log.stream().anyMatch(l -> l.contains(text));
        }
    }
}
