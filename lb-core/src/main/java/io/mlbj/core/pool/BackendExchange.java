package io.mlbj.core.pool;

/**
 * The party a borrowed backend connection reports to (the client-side request in progress). Every
 * call happens on the connection's event loop, which is also the client's.
 */
public interface BackendExchange {
    /** A decoded response part (or raw bytes after a 101); the callee owns {@code msg}. */
    void onBackendMessage(Object msg);

    /** The end of one read batch: time to flush toward the client. */
    void onBackendReadComplete();

    /** The backend connection closed. */
    void onBackendClosed();

    /** The backend connection's writability changed (request-body backpressure). */
    void onBackendWritabilityChanged(boolean writable);
}
