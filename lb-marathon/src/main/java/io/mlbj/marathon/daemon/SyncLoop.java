package io.mlbj.marathon.daemon;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.haproxy.ConfigException;
import io.mlbj.core.haproxy.MapFileReader;
import io.mlbj.core.routing.ConfigWarning;
import io.mlbj.core.routing.RoutingSnapshot;
import io.mlbj.marathon.api.AppsListener;
import io.mlbj.marathon.api.AppsSnapshot;
import io.mlbj.marathon.model.MarathonApp;
import io.mlbj.marathon.model.MarathonJson;
import io.mlbj.marathon.render.MarathonConfigGenerator;
import io.mlbj.marathon.render.RenderResult;
import io.mlbj.marathon.services.AppWarning;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One re-sync per apps snapshot: render the config, hand the text and its map files to the
 * {@link ConfigSink}, and record the outcome in a {@link ConfigSyncStatus}. A failure keeps the last good
 * config serving and is logged with its reason; a change is logged as one line.
 */
public final class SyncLoop implements AppsListener {
    private static final Logger log = LoggerFactory.getLogger(SyncLoop.class);

    private final MarathonConfigGenerator generator;
    private final ConfigSink sink;
    private final String mapDirectory;
    private final Clock clock;
    private volatile ConfigSyncStatus status = ConfigSyncStatus.INITIAL;
    // The map files of the live config, for /_haproxy_getvhostmap and /_haproxy_getappmap.
    private volatile RenderResult live;
    // Touched only by the source's thread (one onApps call at a time), so no volatile.
    private Set<String> liveApps = Set.of();
    private RoutingSnapshot liveSnapshot = RoutingSnapshot.EMPTY;
    private Set<String> loggedWarnings = Set.of();

    /**
     * A loop rendering with {@code generator} into {@code sink}; the map files are offered at
     * {@code mapDirectory/domain2backend.map} and {@code mapDirectory/app2backend.map}, where the rendered
     * config refers to them.
     */
    public SyncLoop(MarathonConfigGenerator generator, ConfigSink sink, String mapDirectory, Clock clock) {
        this.generator = requireNonNull(generator, "generator");
        this.sink = requireNonNull(sink, "sink");
        this.mapDirectory = requireNonNull(mapDirectory, "mapDirectory");
        this.clock = requireNonNull(clock, "clock");
    }

    /** The outcome of the last syncs; a new immutable value after every sync. */
    public ConfigSyncStatus status() {
        return status;
    }

    @Override
    public void onApps(AppsSnapshot snapshot) {
        long start = System.nanoTime();
        RenderResult rendered;
        List<String> appIds;
        try {
            List<MarathonApp> apps = MarathonJson.parseAppsResponse(snapshot.json());
            appIds = apps.stream().map(MarathonApp::id).toList();
            rendered = generator.generate(apps);
        } catch (RuntimeException e) {
            fail(start, "cannot render the apps from " + snapshot.sourceUrl() + ": " + e.getMessage(), e);
            return;
        }
        logNewWarnings(rendered.warnings());
        AppliedConfig applied;
        try {
            applied = sink.apply(rendered.config(), "haproxy.cfg", maps(rendered));
        } catch (ConfigException e) {
            fail(start, "config from " + snapshot.sourceUrl() + " rejected, keeping the previous one: "
                    + e.problems().stream().map(ConfigWarning::toString).collect(Collectors.joining("; ")), null);
            return;
        } catch (RuntimeException e) {
            fail(start, "config from " + snapshot.sourceUrl() + " could not be applied, keeping the previous one: "
                    + e, e);
            return;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Set<String> apps = Set.copyOf(appIds);
        if (applied.changed()) {
            log.info(RoutingChange.between(liveApps, liveSnapshot, appIds, applied.live()).logLine(took));
        }
        liveApps = apps;
        liveSnapshot = applied.live();
        live = rendered;
        status = status.accepted(clock.instant(), took, applied.changed(), rendered.warnings());
        sink.synced(true, took);
    }

    private MapFileReader maps(RenderResult rendered) {
        String prefix = mapDirectory.isEmpty() ? "" : mapDirectory + "/";
        return MapFileReader.of(Map.of(
                prefix + RenderResult.DOMAIN_MAP, rendered.domainMap(),
                prefix + RenderResult.APP_MAP, rendered.appMap()));
    }

    private void logNewWarnings(List<AppWarning> warnings) {
        Set<String> now = warnings.stream().map(AppWarning::toString).collect(Collectors.toUnmodifiableSet());
        for (String w : now) {
            if (!loggedWarnings.contains(w)) {
                log.warn("skipped: {}", w);
            }
        }
        loggedWarnings = now;
    }

    private void fail(long start, String reason, Throwable unexpected) {
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Instant at = clock.instant();
        if (unexpected != null) {
            log.warn(reason, unexpected);
        } else {
            log.warn(reason);
        }
        status = status.failed(at, took, reason);
        sink.synced(false, took);
    }

    /** The text of {@code domain2backend.map} of the live config ("" before the first sync or outside map mode). */
    public String liveDomainMap() {
        RenderResult r = live;
        return r == null ? "" : r.domainMap();
    }

    /** The text of {@code app2backend.map} of the live config ("" before the first sync or outside map mode). */
    public String liveAppMap() {
        RenderResult r = live;
        return r == null ? "" : r.appMap();
    }
}
