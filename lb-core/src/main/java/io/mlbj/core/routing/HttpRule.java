package io.mlbj.core.routing;

import static java.util.Objects.requireNonNull;

/** One {@code http-request} or {@code http-response} line: {@code action} applies when {@code condition} holds. */
public record HttpRule(HttpAction action, RequestCondition condition, String source) {
    public HttpRule {
        requireNonNull(action, "action");
        requireNonNull(condition, "condition");
        requireNonNull(source, "source");
    }
}
