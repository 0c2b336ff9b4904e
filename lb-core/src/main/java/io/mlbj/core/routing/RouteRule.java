package io.mlbj.core.routing;

import static java.util.Objects.requireNonNull;

/** One {@code use_backend} line: when {@code condition} holds, the request goes to {@code target}'s backend. */
public record RouteRule(RequestCondition condition, BackendSelector target, String source) {
    public RouteRule {
        requireNonNull(condition, "condition");
        requireNonNull(target, "target");
        requireNonNull(source, "source");
    }
}
