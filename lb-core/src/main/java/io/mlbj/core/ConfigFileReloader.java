package io.mlbj.core;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.haproxy.ConfigException;
import io.mlbj.core.haproxy.MapFileReader;
import io.mlbj.core.routing.ConfigWarning;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a haproxy.cfg from disk through a {@link LoadBalancer}: applies the file and the map files it
 * names, and again when one of them changes (polled; a replacement by rename counts, as does an edit
 * within the same second; a change is read once it has stood still for one interval) or when
 * {@link #reload} is called (SIGHUP). A file that cannot be read or
 * served is logged with every problem and the config in force keeps serving.
 */
public final class ConfigFileReloader implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConfigFileReloader.class);
    // Files touched this recently are re-read on every poll: a time stamp may not tell two edits apart.
    private static final long RECENT_MILLIS = 2_000;

    private final LoadBalancer lb;
    private final Path config;
    private final Function<String, Path> mapLocation;
    private final ScheduledExecutorService poller =
            Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("config-watch", true));
    // Guarded by this: the files of the last attempt and their stamps then; the last failure.
    private Map<Path, FileStamp> stamps = Map.of();
    private String lastFailure;
    private Map<Path, FileStamp> previousCheck = Map.of();

    /**
     * A reloader of {@code config}; map files named in it are read at {@code mapLocation.apply(name)}.
     *
     * @param mapLocation where a map file named in the config is on disk (e.g. {@code Path::of})
     */
    public ConfigFileReloader(LoadBalancer lb, Path config, Function<String, Path> mapLocation) {
        this.lb = requireNonNull(lb, "lb");
        this.config = requireNonNull(config, "config");
        this.mapLocation = requireNonNull(mapLocation, "mapLocation");
    }

    /**
     * Reads and applies the files now.
     *
     * @throws IOException when the config file cannot be read
     * @throws ConfigException when the config cannot be served (the config in force stays)
     */
    public synchronized ApplyResult applyNow() throws IOException, ConfigException {
        Map<Path, FileStamp> before = new LinkedHashMap<>();
        before.put(config, FileStamp.of(config));
        try {
            String text = Files.readString(config, StandardCharsets.UTF_8);
            MapFileReader maps = name -> {
                Path p = mapLocation.apply(name);
                before.putIfAbsent(p, FileStamp.of(p));
                try {
                    return Optional.of(Files.readString(p, StandardCharsets.UTF_8));
                } catch (NoSuchFileException e) {
                    return Optional.empty();
                }
            };
            return lb.apply(text, config.toString(), maps);
        } finally {
            // Watch what this attempt read, also when it failed: fixing a map file must trigger a retry.
            stamps = Map.copyOf(before);
        }
    }

    /** Re-reads the files and logs the outcome; {@code why} says what asked for it (e.g. {@code SIGHUP}). */
    public synchronized void reload(String why) {
        try {
            ApplyResult r = applyNow();
            lastFailure = null;
            if (r.changed()) {
                log.info("{} ({})", r.logLine(), why);
                r.warnings().forEach(w -> log.warn("{}", w));
            } else {
                log.debug("{} ({})", r.logLine(), why);
            }
        } catch (IOException e) {
            logFailure("cannot read " + config + ": " + e + "; the config in force keeps serving");
        } catch (ConfigException e) {
            StringBuilder sb = new StringBuilder("config ").append(config)
                    .append(" rejected, the config in force keeps serving:");
            for (ConfigWarning p : e.problems()) {
                sb.append("\n  ").append(p);
            }
            logFailure(sb.toString());
        } catch (RuntimeException e) {
            log.error("reloading {} failed; the config in force keeps serving", config, e);
        }
    }

    private void logFailure(String message) {
        if (!message.equals(lastFailure)) {
            log.error(message);
            lastFailure = message;
        }
    }

    /** Why the last reload failed (the logged message, with every problem), or empty after a success. */
    public synchronized Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    /** Checks the files every {@code interval} and reloads when one changed. */
    public void watch(Duration interval) {
        requireNonNull(interval, "interval");
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("interval: " + interval + " (expected: > 0)");
        }
        long ms = interval.toMillis();
        poller.scheduleWithFixedDelay(this::checkFiles, ms, ms, TimeUnit.MILLISECONDS);
    }

    private synchronized void checkFiles() {
        long now = System.currentTimeMillis();
        Map<Path, FileStamp> current = new LinkedHashMap<>();
        boolean changed = false;
        for (Map.Entry<Path, FileStamp> e : stamps.entrySet()) {
            FileStamp stamp = FileStamp.of(e.getKey());
            current.put(e.getKey(), stamp);
            changed |= !stamp.equals(e.getValue()) || stamp.modifiedWithin(RECENT_MILLIS, now);
        }
        // A change is read once it has stood still for one interval: a file being written in place (truncated,
        // then filled) is not served half-written.
        boolean settled = current.equals(previousCheck);
        previousCheck = current;
        if (changed && settled) {
            reload("changed on disk");
        }
    }

    /** Stops watching. */
    @Override
    public void close() {
        poller.shutdownNow();
    }
}
