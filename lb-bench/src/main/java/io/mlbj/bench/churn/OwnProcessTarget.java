package io.mlbj.bench.churn;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Our daemon as its own process, {@code java -jar lb-marathon.jar --marathon <emulator> --sse --group churn ...},
 * so its memory and threads are its own ({@code /proc/<pid>/status}). Its apps listen on fixed service ports;
 * routing changes are counted from its log ({@code config changed in ...} lines).
 */
final class OwnProcessTarget implements ChurnTarget {
    private final ChurnApps apps;
    private final int servicePortBase;
    private final Process process;
    private final AtomicLong changes = new AtomicLong();

    OwnProcessTarget(Path jar, String javaOptions, int servicePortBase, String marathonUrl, ChurnApps apps) {
        this.apps = requireNonNull(apps, "apps");
        this.servicePortBase = servicePortBase;
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("--jar: " + jar + " (expected: the daemon's jar; build it with "
                    + "mvn -B -pl lb-marathon -am package -DskipTests)");
        }
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(javaOptions.trim().split("\\s+")));
        command.addAll(List.of("-jar", jar.toString(), "--marathon", marathonUrl, "--sse", "--group", ChurnApps.GROUP,
                "--dont-bind-http-https", "--stats-port", Integer.toString(servicePortBase + 99),
                "--appid-port", Integer.toString(servicePortBase + 98), "--bind-address", "127.0.0.1"));
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command + ": " + e.getMessage(), e);
        }
        Thread reader = new Thread(this::readLog, "churn-daemon-log");
        reader.setDaemon(true);
        reader.start();
    }

    private void readLog() {
        try (BufferedReader log = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = log.readLine(); line != null; line = log.readLine()) {
                if (line.contains("config changed in")) {
                    changes.incrementAndGet();
                } else if (line.contains(" WARN ") || line.contains(" ERROR ")) {
                    System.err.println("daemon: " + line);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** A churn run against our daemon in a child process; app {@code i} listens on {@code servicePortBase + i}. */
    static ChurnRun run(ChurnSettings settings, Path jar, String javaOptions, int servicePortBase) {
        return new ChurnRun(settings, servicePortBase,
                (url, apps) -> new OwnProcessTarget(jar, javaOptions, servicePortBase, url, apps));
    }

    @Override
    public String name() {
        return "mlbj-process";
    }

    @Override
    public InetSocketAddress frontend(int index) {
        if (!process.isAlive()) {
            throw new IllegalStateException("the daemon exited with " + process.exitValue());
        }
        return ChurnTarget.awaitListening(new InetSocketAddress(apps.bindAddress(index), servicePortBase + index));
    }

    @Override
    public long routingChanges() {
        return changes.get();
    }

    @Override
    public ResourceSample sample(String at) {
        return ResourceSample.ofProcesses(at, List.of(process.pid()));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
