package io.mlbj.marathon.daemon;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.routing.RoutingSnapshot;

/**
 * What a {@link ConfigSink} did with a config.
 *
 * @param changed whether the routing was swapped (false when the text equals the live one)
 * @param live the snapshot serving after the call
 */
public record AppliedConfig(boolean changed, RoutingSnapshot live) {

    public AppliedConfig {
        requireNonNull(live, "live");
    }
}
