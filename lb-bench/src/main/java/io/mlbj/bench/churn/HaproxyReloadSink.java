package io.mlbj.bench.churn;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.haproxy.ConfigException;
import io.mlbj.core.haproxy.ConfigInterpreter;
import io.mlbj.core.haproxy.MapFileReader;
import io.mlbj.core.routing.ConfigWarning;
import io.mlbj.core.routing.RoutingSnapshot;
import io.mlbj.marathon.daemon.AppliedConfig;
import io.mlbj.marathon.daemon.ConfigSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A {@link ConfigSink} that does what marathon-lb does with a new config: writes it and reloads HAProxy with
 * marathon-lb's command, {@code haproxy -D -p PIDFILE -f CFG -sf $(cat PIDFILE)} (the old process finishes
 * its connections and exits). The text is the renderer's (byte-identical to marathon-lb's) without the lines
 * that need marathon-lb's container (its Lua scripts, the stats socket and state-file paths, syslog), and with
 * the global {@code maxconn 50000} lowered to 5000: HAProxy wants 100,030 descriptors for it, more than this
 * machine's hard limit of open files allows (a dozen clients need far fewer).
 */
final class HaproxyReloadSink implements ConfigSink {
    /** Lines of marathon-lb's HAPROXY_HEAD that refer to files of its container image. */
    private static final Pattern CONTAINER_ONLY = Pattern.compile(
            "^\\s*(lua-load|stats socket|server-state-file|server-state-base|load-server-state-from-file|log /dev/log"
                    + "|http-request use-service lua\\.)");

    private final String haproxy;
    private final Path config;
    private final Path pidFile;
    private final AtomicLong reloads = new AtomicLong();
    private String liveText;
    private RoutingSnapshot liveSnapshot;

    HaproxyReloadSink(String haproxy, Path directory) {
        this.haproxy = requireNonNull(haproxy, "haproxy");
        this.config = directory.resolve("haproxy.cfg");
        this.pidFile = directory.resolve("haproxy.pid");
    }

    /** The config file HAProxy runs (found in its command line). */
    Path configFile() {
        return config;
    }

    /** How many times HAProxy was (re)started. */
    long reloads() {
        return reloads.get();
    }

    /** marathon-lb's text without the container-only lines. */
    static String localText(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.lines().filter(l -> !CONTAINER_ONLY.matcher(l).find())
                .map(l -> l.equals("  maxconn 50000") ? "  maxconn 5000" : l)
                .forEach(l -> b.append(l).append('\n'));
        return b.toString();
    }

    @Override
    public synchronized AppliedConfig apply(String configText, String sourceName, MapFileReader maps)
            throws ConfigException {
        if (configText.equals(liveText)) {
            return new AppliedConfig(false, liveSnapshot);
        }
        // the same text interpreted by our engine: for the daemon's change log, and a check before HAProxy sees it
        RoutingSnapshot snapshot = new ConfigInterpreter(maps, false).interpret(configText, sourceName);
        try {
            Files.writeString(config, localText(configText), StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>(List.of(haproxy, "-D", "-p", pidFile.toString(), "-f", config.toString()));
            if (Files.exists(pidFile)) {
                String pids = Files.readString(pidFile).trim();
                if (!pids.isEmpty()) {
                    command.add("-sf");
                    command.addAll(List.of(pids.split("\\s+")));
                }
            }
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new ConfigException(List.of(new ConfigWarning(config.toString(), 0,
                        "haproxy reload failed: " + output.strip())));
            }
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigWarning(config.toString(), 0, "haproxy: " + e)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException(List.of(new ConfigWarning(config.toString(), 0, "interrupted")));
        }
        reloads.incrementAndGet();
        liveText = configText;
        liveSnapshot = snapshot;
        return new AppliedConfig(true, snapshot);
    }

    /** Stops every HAProxy process running this config (the live one and any still finishing). */
    @Override
    public synchronized void close(Duration drain) {
        for (long pid : HaproxyTarget.processesRunning(config)) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        }
    }
}
