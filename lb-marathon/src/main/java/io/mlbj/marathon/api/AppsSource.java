package io.mlbj.marathon.api;

/**
 * Where the daemon gets Marathon's apps from: a Marathon server (event stream or polling) or an
 * apps file. It emits whole snapshots only, never deltas, and keeps running through errors.
 */
public interface AppsSource extends AutoCloseable {

    /** Starts fetching; the first snapshot is emitted as soon as one is available. */
    void start(AppsListener listener);

    /** Asks for a full re-sync now (the {@code /_mlb_signal/hup} of marathon-lb). */
    void requestResync();

    /** The current health of the source, for the stats page. */
    SyncStatus status();

    /** Stops every connection and timer; no snapshot is emitted after it returns. */
    void stop();

    /** Same as {@link #stop()}. */
    @Override
    default void close() {
        stop();
    }
}
