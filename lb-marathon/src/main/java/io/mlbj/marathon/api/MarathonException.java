package io.mlbj.marathon.api;

/** A failed call to Marathon; the message names the URL and what went wrong. */
public final class MarathonException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean failover;

    /** Creates an error; {@code failover} says whether another Marathon might answer better. */
    public MarathonException(String message, boolean failover, Throwable cause) {
        super(message, cause);
        this.failover = failover;
    }

    /** Whether trying the next Marathon URL makes sense (connection errors, 5xx, garbage). */
    public boolean failover() {
        return failover;
    }
}
