package io.mlbj.core.sticky;

import java.util.List;

/**
 * What the sticky cookie changes in a response: the Set-Cookie header values to send instead of the
 * server's (rewritten, removed, or with the persistence cookie appended), and whether to add
 * {@code Cache-Control: private} ({@code nocache}). Built by {@link StickyCookieCodec#rewriteResponse}.
 */
public final class StickyResponseEdit {
    /** The value of the Cache-Control header {@code nocache} adds (HAProxy adds a separate header). */
    public static final String CACHE_CONTROL_PRIVATE = "private";

    /** Nothing to change: shared, allocation-free. */
    static final StickyResponseEdit UNCHANGED = new StickyResponseEdit(null, false);

    private final List<String> setCookieHeaders;
    private final boolean addCacheControlPrivate;

    StickyResponseEdit(List<String> setCookieHeaders, boolean addCacheControlPrivate) {
        this.setCookieHeaders = setCookieHeaders;
        this.addCacheControlPrivate = addCacheControlPrivate;
    }

    /** Whether the Set-Cookie headers to send differ from the server's. */
    public boolean setCookieHeadersChanged() {
        return setCookieHeaders != null;
    }

    /**
     * All Set-Cookie header values to send, in order (the inserted cookie last); only when
     * {@link #setCookieHeadersChanged()}, otherwise the server's are sent as they are.
     */
    public List<String> setCookieHeaders() {
        if (setCookieHeaders == null) {
            throw new IllegalStateException("set-cookie headers unchanged (expected: send the server's own)");
        }
        return setCookieHeaders;
    }

    /** Whether to add a {@code Cache-Control: private} header (the server's own are kept). */
    public boolean addCacheControlPrivate() {
        return addCacheControlPrivate;
    }

    @Override
    public String toString() {
        return "StickyResponseEdit[setCookie=" + setCookieHeaders + ", cacheControlPrivate="
                + addCacheControlPrivate + "]";
    }
}
