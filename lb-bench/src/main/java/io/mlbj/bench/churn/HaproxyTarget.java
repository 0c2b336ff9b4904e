package io.mlbj.bench.churn;

import static java.util.Objects.requireNonNull;

import io.mlbj.marathon.api.AppsSource;
import io.mlbj.marathon.daemon.DaemonProcess;
import io.mlbj.marathon.daemon.DaemonSettings;
import io.mlbj.marathon.daemon.MarathonLbDaemon;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * HAProxy as marathon-lb drives it, standing in for marathon-lb (whose Python process cannot be installed
 * here): our daemon's Marathon client and renderer (marathon-lb's config text, same event handling and
 * coalescing) feed a {@link HaproxyReloadSink}, which reloads HAProxy with marathon-lb's command on every
 * change. The apps listen on fixed service ports (a reloaded HAProxy cannot keep an ephemeral one). Memory and
 * threads are those of every HAProxy process running the config, old ones still finishing included.
 */
final class HaproxyTarget implements ChurnTarget {
    private final ChurnApps apps;
    private final int servicePortBase;
    private final Path directory;
    private final HaproxyReloadSink sink;
    private final MarathonLbDaemon daemon;

    HaproxyTarget(String haproxy, int servicePortBase, String marathonUrl, ChurnApps apps) {
        this.apps = requireNonNull(apps, "apps");
        this.servicePortBase = servicePortBase;
        try {
            directory = Files.createTempDirectory("churn-haproxy");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create HAProxy's directory: " + e.getMessage(), e);
        }
        sink = new HaproxyReloadSink(haproxy, directory);
        DaemonSettings settings = ChurnTarget.daemonSettings("--marathon", marathonUrl, "--sse", "--group", ChurnApps.GROUP,
                "--dont-bind-http-https", "--stats-port", Integer.toString(servicePortBase + 99),
                "--bind-address", "127.0.0.1", "--haproxy-config", directory.resolve("haproxy.cfg").toString());
        AppsSource source = settings.source().open(Clock.systemUTC());
        daemon = DaemonProcess.start(settings, source, sink);
    }

    /** A churn run against HAProxy; app {@code i} listens on {@code servicePortBase + i}. */
    static ChurnRun run(ChurnSettings settings, String haproxy, int servicePortBase) {
        return new ChurnRun(settings, servicePortBase, (url, apps) -> new HaproxyTarget(haproxy, servicePortBase, url, apps));
    }

    @Override
    public String name() {
        return "haproxy";
    }

    @Override
    public InetSocketAddress frontend(int index) {
        try {
            return ChurnTarget.awaitListening(new InetSocketAddress(apps.bindAddress(index), servicePortBase + index));
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "; last sync: " + daemon.syncStatus(), e);
        }
    }

    @Override
    public long routingChanges() {
        return sink.reloads();
    }

    @Override
    public ResourceSample sample(String at) {
        return ResourceSample.ofProcesses(at, processesRunning(sink.configFile()));
    }

    @Override
    public void close() {
        daemon.close(Duration.ofSeconds(1));
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            System.err.println("churn: cannot remove " + directory + ": " + e.getMessage());
        }
    }

    /** The pids of the processes whose command line names {@code config}. */
    static List<Long> processesRunning(Path config) {
        List<Long> pids = new ArrayList<>();
        String wanted = config.toString();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                try {
                    String cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (cmdline.contains(wanted)) {
                        pids.add(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException e) {
                    // the process ended while being looked at
                }
            });
        } catch (IOException e) {
            return pids;
        }
        return pids;
    }
}
