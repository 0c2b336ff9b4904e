package io.mlbj.core.haproxy;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.routing.BackendSelector;
import io.mlbj.core.routing.LogFormat;
import io.mlbj.core.routing.RequestView;

/**
 * {@code use_backend <log-format>}: the backend named by the formatted value, or null when it is empty.
 * As in HAProxy, a name that is no backend ends the rules and the default backend applies.
 */
public record DynamicBackend(LogFormat format) implements BackendSelector {
    public DynamicBackend {
        requireNonNull(format, "format");
    }

    @Override
    public String select(RequestView request) {
        String name = format.format(request);
        return name.isEmpty() ? null : name;
    }
}
