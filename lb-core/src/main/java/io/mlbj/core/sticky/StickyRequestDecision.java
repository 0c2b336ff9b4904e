package io.mlbj.core.sticky;

import io.mlbj.core.routing.Server;
import java.util.ArrayList;
import java.util.List;

/**
 * What a request's persistence cookie decided: the server it is bound to (or null: balance it), the
 * {@link CookieState}, and the Cookie header values to forward. Built by {@link StickyCookieCodec#decide};
 * pass it back to {@link StickyCookieCodec#rewriteResponse} for the same request's response. Immutable.
 * When nothing is edited the decision is a shared instance; the usual edit (one cut in one header) is
 * a single object that reads the forwarded value in place from the request's header.
 */
public sealed class StickyRequestDecision permits SplicedDecision {
    /** No persistence cookie and nothing to change. */
    static final StickyRequestDecision NO_COOKIE = new StickyRequestDecision(null, CookieState.NONE, 0, 0, null);

    private final Server server;
    private final CookieState state;
    private final long lastSeen;
    private final long firstSeen;
    private final CharSequence[] forwarded;

    /**
     * @param forwarded per request header, the value to forward or null to remove it; null when unchanged
     */
    StickyRequestDecision(Server server, CookieState state, long lastSeen, long firstSeen, CharSequence[] forwarded) {
        this.server = server;
        this.state = state;
        this.lastSeen = lastSeen;
        this.firstSeen = firstSeen;
        this.forwarded = forwarded;
    }

    /** The server the cookie binds the request to, or null when the request is to be balanced. */
    public final Server server() {
        return server;
    }

    /** What the cookie said. */
    public final CookieState state() {
        return state;
    }

    /** Whether the Cookie headers to forward differ from the request's. */
    public boolean cookieHeadersChanged() {
        return forwarded != null;
    }

    /**
     * The value to forward in place of the request's Cookie header number {@code index}, or null when
     * that header is to be removed (it held nothing but the persistence cookie); only when
     * {@link #cookieHeadersChanged()}, otherwise the request's headers are forwarded as they are.
     */
    public CharSequence forwardedHeader(int index) {
        requireChanged();
        return forwarded[index];
    }

    /** The number of Cookie headers the request had (the valid indexes of {@link #forwardedHeader}); only when changed. */
    public int headerCount() {
        requireChanged();
        return forwarded.length;
    }

    /** The Cookie header values to forward, in order, without removed headers (a new list); only when changed. */
    public final List<String> forwardedHeaders() {
        int count = headerCount();
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            CharSequence value = forwardedHeader(i);
            if (value != null) {
                out.add(value.toString());
            }
        }
        return out;
    }

    final void requireChanged() {
        if (!cookieHeadersChanged()) {
            throw new IllegalStateException("cookie headers unchanged (expected: forward the request's own)");
        }
    }

    final long lastSeen() {
        return lastSeen;
    }

    final long firstSeen() {
        return firstSeen;
    }

    /** A short description for logs (not a header value). */
    public final String describe() {
        return "StickyRequestDecision[" + state + ", server=" + (server == null ? null : server.name())
                + ", changed=" + cookieHeadersChanged() + "]";
    }

    @Override
    public String toString() {
        return describe();
    }
}
