package io.mlbj.marathon.services;

import static java.util.Objects.requireNonNull;

/**
 * A problem that made the renderer skip one app or one service port: which app, which service port index
 * ({@code -1} = the whole app or no app), which label or template, and what is wrong.
 */
public record AppWarning(String appId, int portIndex, String label, String message) {
    public AppWarning {
        requireNonNull(appId, "appId");
        requireNonNull(label, "label");
        requireNonNull(message, "message");
        if (portIndex < -1) {
            throw new IllegalArgumentException("portIndex: " + portIndex + " (expected: >= -1)");
        }
    }

    @Override
    public String toString() {
        String where = portIndex < 0 ? appId : appId + " port index " + portIndex;
        return where + ": " + label + ": " + message;
    }
}
