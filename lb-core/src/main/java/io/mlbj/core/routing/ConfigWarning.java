package io.mlbj.core.routing;

import static java.util.Objects.requireNonNull;

/** A problem found while reading a config: where ({@code file:line}) and what, shown on the stats page. */
public record ConfigWarning(String file, int line, String message) {
    public ConfigWarning {
        requireNonNull(file, "file");
        requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
