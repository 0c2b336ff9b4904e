package io.mlbj.core.sticky;

/** What the persistence cookie of a request said (HAProxy's TX_CK_* states). */
public enum CookieState {
    /** The request carried no persistence cookie. */
    NONE,
    /** The cookie named a server that is up: the request goes there. */
    VALID,
    /** The cookie named only servers that are down: the request is balanced. */
    DOWN,
    /** The cookie named no server, or was empty: the request is balanced. */
    INVALID,
    /** The cookie's {@code maxidle}/{@code maxlife} date had passed: the request is balanced. */
    EXPIRED
}
