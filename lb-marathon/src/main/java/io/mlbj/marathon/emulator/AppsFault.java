package io.mlbj.marathon.emulator;

/** How the emulator answers {@code GET /v2/apps}, for fault tests. */
public enum AppsFault {
    /** The real answer. */
    NONE,
    /** HTTP 500 with Marathon's error body. */
    HTTP_500,
    /** HTTP 200 with a truncated JSON body. */
    INVALID_JSON
}
