package io.mlbj.core.health;

/** Told of every completed check, on the check's event loop (e.g. to count results in the metrics). */
@FunctionalInterface
public interface CheckListener {
    /** Ignores every result. */
    CheckListener NONE = (backend, server, passed) -> { };

    /** The check of {@code server} in {@code backend} passed or failed; must return quickly. */
    void checked(String backend, String server, boolean passed);
}
