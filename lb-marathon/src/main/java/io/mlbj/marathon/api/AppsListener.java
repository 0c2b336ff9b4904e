package io.mlbj.marathon.api;

/** Receives every complete apps answer of an {@link AppsSource}, one call at a time. */
@FunctionalInterface
public interface AppsListener {

    /** Called with a new snapshot; runs on the source's thread, so it should not block for long. */
    void onApps(AppsSnapshot snapshot);
}
