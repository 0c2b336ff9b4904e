package io.mlbj.core;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.routing.ConfigWarning;
import java.time.Duration;
import java.util.List;

/**
 * The outcome of a config that was accepted by {@link LoadBalancer#apply}: whether routing changed (the
 * same text and map files again change nothing), the warnings of the config in force, the time taken
 * and what changed.
 *
 * @param sourceName the name the config was applied under (its file, for messages)
 */
public record ApplyResult(
        boolean changed, String sourceName, List<ConfigWarning> warnings, Duration duration, ConfigDiff diff) {

    public ApplyResult {
        requireNonNull(sourceName, "sourceName");
        warnings = List.copyOf(requireNonNull(warnings, "warnings"));
        requireNonNull(duration, "duration");
        requireNonNull(diff, "diff");
    }

    /** One line for the log, e.g. {@code config haproxy.cfg applied in 12 ms: frontends +1 -0, ... (2 warnings)}. */
    public String logLine() {
        String took = duration.toNanos() < 10_000_000
                ? String.format(java.util.Locale.ROOT, "%.1f ms", duration.toNanos() / 1e6)
                : duration.toMillis() + " ms";
        String head = changed ? "config " + sourceName + " applied in " + took + ": " + diff.summary()
                : "config " + sourceName + " unchanged (" + took + ")";
        return warnings.isEmpty() ? head
                : head + " (" + warnings.size() + " warning" + (warnings.size() == 1 ? "" : "s") + ")";
    }
}
