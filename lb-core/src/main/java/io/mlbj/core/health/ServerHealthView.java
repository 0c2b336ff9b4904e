package io.mlbj.core.health;

import io.mlbj.core.routing.Server;

/** A read-only, thread-safe view of one checked server's health, for the stats page and metrics. */
public interface ServerHealthView {
    /** The server's settings in force (its latest routing record). */
    Server server();

    /**
     * UP or DOWN from the checks; MAINT when {@code disabled}, NOLB when up but answering 404 under
     * {@code http-check disable-on-404}, DRAIN when up with weight 0.
     */
    ServerState state();

    /** HAProxy's status text: {@code UP}, {@code UP 1/3} (going down), {@code DOWN}, {@code DOWN 1/2} (going up). */
    String statusText();

    /** Whether checks consider the server up (what balancing and sticky sessions use). */
    boolean isUp();

    /** The result of the last completed check ({@link CheckStatus#INI} before the first). */
    CheckStatus lastCheck();

    /** The HTTP status of the last check, 0 when it had none. */
    int lastCheckCode();

    /** The last result as text, e.g. {@code L4OK}, {@code L7STS 503}, {@code L4TOUT}. */
    String lastCheckText();

    /** How long the last check took, in milliseconds (-1 before the first). */
    long lastCheckDurationMillis();

    /** When the up/down state last changed (or checks started), in epoch milliseconds. */
    long lastChangeMillis();

    /** Checks completed. */
    long checks();

    /** Failed checks while not already fully down (HAProxy's {@code chkfail}). */
    long failures();

    /** Transitions from up to down (HAProxy's {@code chkdown}). */
    long downTransitions();
}
