package io.mlbj.core.health;

/** The result of one health check, named as HAProxy's stats page names them ({@code check_status}). */
public enum CheckStatus {
    /** No check has completed yet. */
    INI(false),
    /** TCP connection established (a TCP connect check passed). */
    L4OK(true),
    /** The TCP connection was not established within the check timeout. */
    L4TOUT(false),
    /** The TCP connection failed (refused, unreachable, reset). */
    L4CON(false),
    /** TLS handshake done (a TLS connect check passed). */
    L6OK(true),
    /** The TLS handshake did not finish within the check timeout. */
    L6TOUT(false),
    /** The TLS handshake failed. */
    L6RSP(false),
    /** The HTTP check got a passing status. */
    L7OK(true),
    /** The HTTP check got 404 under {@code http-check disable-on-404}: an up server goes NOLB (conditionally passed). */
    L7OKC(true),
    /** No HTTP status line within the check timeout. */
    L7TOUT(false),
    /** The server's answer was not an HTTP status line, or it closed before sending one. */
    L7RSP(false),
    /** The HTTP check got a failing status (the code is reported with it). */
    L7STS(false);

    private final boolean passed;

    CheckStatus(boolean passed) {
        this.passed = passed;
    }

    /** Whether this result counts as a success toward {@code rise}. */
    public boolean passed() {
        return passed;
    }
}
