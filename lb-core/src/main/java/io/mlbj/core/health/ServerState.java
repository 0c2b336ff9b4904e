package io.mlbj.core.health;

/** A server's state as HAProxy's stats page shows it. */
public enum ServerState {
    /** Takes traffic (checks pass, or the server is not checked). */
    UP,
    /** Failed its checks: no new balanced or sticky traffic until {@code rise} checks pass. */
    DOWN,
    /** {@code disabled} on its server line (marathon-lb's draining tasks; HAProxy shows MAINT). */
    MAINT,
    /** Up but of weight 0: no balanced traffic. */
    DRAIN,
    /** Up but answering 404 under {@code http-check disable-on-404}: sticky sessions only, no balanced traffic. */
    NOLB
}
