package io.mlbj.marathon.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apps from a file holding a {@code /v2/apps} answer ({@code --apps-file}); the file is checked
 * every {@code checkInterval} and re-read when its modification time, size or identity (inode)
 * changed, so both an edit in place and a replacement by rename are picked up.
 */
public final class AppsFileSource implements AppsSource {
    private static final Logger log = LoggerFactory.getLogger(AppsFileSource.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RACY_WINDOW = Duration.ofSeconds(2);

    private final Path file;
    private final Duration checkInterval;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final AtomicReference<SyncStatus> status;

    // confined to the executor's single thread
    private FileVersion lastVersion;
    private String lastRead;
    private volatile AppsListener listener;

    /** Creates a source watching {@code file}. */
    public AppsFileSource(Path file, Duration checkInterval, Clock clock) {
        this.file = requireNonNull(file, "file").toAbsolutePath();
        this.checkInterval = requireNonNull(checkInterval, "checkInterval");
        this.clock = requireNonNull(clock, "clock");
        if (checkInterval.isZero() || checkInterval.isNegative()) {
            throw new IllegalArgumentException("checkInterval: " + checkInterval + " (expected: > 0)");
        }
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "apps-file");
            t.setDaemon(true);
            return t;
        });
        this.status = new AtomicReference<>(SyncStatus.initial(this.file.toUri().toString()));
    }

    @Override
    public void start(AppsListener appsListener) {
        listener = requireNonNull(appsListener, "listener");
        long period = checkInterval.toNanos();
        executor.scheduleWithFixedDelay(() -> check(false), 0, period, TimeUnit.NANOSECONDS);
    }

    @Override
    public void requestResync() {
        executor.execute(() -> check(true));
    }

    @Override
    public SyncStatus status() {
        return status.get();
    }

    @Override
    public void stop() {
        listener = null;
        executor.shutdownNow();
    }

    private void check(boolean force) {
        FileVersion version;
        try {
            version = FileVersion.of(file);
        } catch (NoSuchFileException e) {
            if (lastVersion != FileVersion.MISSING) {
                lastVersion = FileVersion.MISSING;
                lastRead = null;
                error(file + ": apps file does not exist");
            }
            return;
        } catch (IOException e) {
            error(file + ": cannot stat apps file: " + e.getMessage());
            return;
        }
        if (!force && version.equals(lastVersion) && !recentlyModified(version)) {
            return;
        }
        lastVersion = version;
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            // replaced between stat and read: the next check sees the new version
            lastVersion = null;
            lastRead = null;
            error(file + ": cannot read apps file: " + e.getMessage());
            return;
        }
        if (!force && json.equals(lastRead)) {
            return;
        }
        lastRead = json;
        String problem = validate(json);
        if (problem != null) {
            error(problem);
            return;
        }
        AppsSnapshot snapshot = new AppsSnapshot(json, clock.instant(), file.toUri().toString());
        status.updateAndGet(s -> s.withSuccess(snapshot.fetchedAt(), snapshot.sourceUrl()));
        AppsListener target = listener;
        if (target != null) {
            try {
                target.onApps(snapshot);
            } catch (RuntimeException e) {
                log.error("apps listener failed on {}", file, e);
            }
        }
    }

    /**
     * Whether the file changed so recently that a second write in the same timestamp tick, with the
     * same size, could hide behind an unchanged key (git's "racy clean" problem); such a file is
     * re-read and compared by content.
     */
    private boolean recentlyModified(FileVersion version) {
        long ageNanos = TimeUnit.MILLISECONDS.toNanos(clock.millis()) - version.modifiedNanos();
        return ageNanos < RACY_WINDOW.toNanos();
    }

    private String validate(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || !root.path("apps").isArray()) {
                return file + ":1: no \"apps\" array (expected: the JSON of Marathon's GET /v2/apps?embed=apps.tasks)";
            }
            return null;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
            return file + where + ": invalid JSON: " + e.getOriginalMessage();
        }
    }

    private void error(String message) {
        log.warn(message);
        status.updateAndGet(s -> s.withFetchError(clock.instant(), message));
    }

    /** What identifies one version of the file without reading it. */
    private record FileVersion(Object key, long modifiedNanos, long size) {
        static final FileVersion MISSING = new FileVersion("missing", -1, -1);

        static FileVersion of(Path file) throws IOException {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileVersion(Objects.requireNonNullElse(attrs.fileKey(), "no-key"),
                    attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS), attrs.size());
        }
    }
}
