package io.mlbj.marathon.daemon;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.admin.SourceNetworks;
import io.mlbj.marathon.api.MarathonSourceFlags;
import io.mlbj.marathon.render.RenderOptions;
import java.util.List;

/**
 * Everything the command line decided, already validated.
 *
 * @param render how the config is generated (groups, templates, ports, bind address)
 * @param source where the apps come from (Marathon URLs or an apps file)
 * @param lruCacheCapacity {@code --lru-cache-capacity}: size of the health-verdict cache
 * @param logLevel the root log level, in logback's spelling
 * @param dry {@code --dry}: print the config once and exit
 * @param ignoredFlagWarnings one warning per marathon-lb flag that is accepted but has no effect here
 * @param serverPooling reuse server connections (default); {@code --no-server-pooling}: one request each
 * @param signalSources {@code --signal-sources}: networks allowed to call {@code /_mlb_signal/*}; empty = all
 * @param accessLog requests of frontends with {@code option httplog} are logged (logger {@code access});
 *     {@code --no-access-log} turns it off
 */
public record DaemonSettings(
        RenderOptions render,
        MarathonSourceFlags source,
        int lruCacheCapacity,
        String logLevel,
        boolean dry,
        List<String> ignoredFlagWarnings,
        SourceNetworks signalSources,
        boolean serverPooling,
        boolean accessLog) {

    public DaemonSettings {
        requireNonNull(render, "render");
        requireNonNull(source, "source");
        requireNonNull(logLevel, "logLevel");
        requireNonNull(signalSources, "signalSources");
        ignoredFlagWarnings = List.copyOf(requireNonNull(ignoredFlagWarnings, "ignoredFlagWarnings"));
        if (lruCacheCapacity < 1) {
            throw new IllegalArgumentException("lruCacheCapacity: " + lruCacheCapacity + " (expected: >= 1)");
        }
    }

    /** Settings whose signal endpoints are open to every client, as marathon-lb's, with server pooling on. */
    public DaemonSettings(RenderOptions render, MarathonSourceFlags source, int lruCacheCapacity, String logLevel,
            boolean dry, List<String> ignoredFlagWarnings) {
        this(render, source, lruCacheCapacity, logLevel, dry, ignoredFlagWarnings, SourceNetworks.ANY, true, true);
    }

    /** Settings with the access log on. */
    public DaemonSettings(RenderOptions render, MarathonSourceFlags source, int lruCacheCapacity, String logLevel,
            boolean dry, List<String> ignoredFlagWarnings, SourceNetworks signalSources, boolean serverPooling) {
        this(render, source, lruCacheCapacity, logLevel, dry, ignoredFlagWarnings, signalSources, serverPooling, true);
    }
}
