package io.mlbj.marathon.daemon;

import io.mlbj.core.haproxy.ConfigException;
import io.mlbj.core.haproxy.MapFileReader;
import java.time.Duration;

/**
 * Where the daemon hands each rendered config: the lb-core runtime, which interprets the text and swaps
 * the routing only when the text changed, keeping the last good config when it cannot be used.
 */
public interface ConfigSink {

    /**
     * Interprets {@code configText} (named {@code sourceName} in errors, reading map files through
     * {@code maps}) and makes it live if it differs from the live one.
     *
     * @throws ConfigException when the config cannot be used; the previous one keeps serving
     */
    AppliedConfig apply(String configText, String sourceName, MapFileReader maps) throws ConfigException;

    /** Told after every sync, whatever its outcome ({@code ok} false: the previous config kept serving). */
    default void synced(boolean ok, Duration took) {}

    /** Told once the daemon feeding this sink runs, so the admin endpoints can reach it. */
    default void attach(MarathonLbDaemon daemon) {}

    /** Stops accepting connections and lets requests in progress finish for up to {@code drain}. */
    void close(Duration drain);
}
