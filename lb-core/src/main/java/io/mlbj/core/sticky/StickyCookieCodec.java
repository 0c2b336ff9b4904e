package io.mlbj.core.sticky;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.balance.ServerStatus;
import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.Server;
import io.mlbj.core.routing.StickyCookie;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * HAProxy's {@code cookie} persistence for one backend, on header values: {@link #decide} reads a
 * request's Cookie headers (which server, what to forward), {@link #rewriteResponse} edits the
 * response's Set-Cookie headers. One instance per backend per snapshot, immutable, shared by every
 * event loop. Rules: {@code reference/haproxy-and-peers.md} §1, observed on HAProxy 2.0 and 2.8.
 *
 * <p>One deliberate difference: a quoted value is handled as RFC 6265 defines it. In prefix mode
 * HAProxy looks for the {@code ~} from the opening quote, so {@code JSESSIONID="s1~abc"} names server
 * {@code "s1} and reaches the application as the corrupted {@code JSESSIONID=abc"}, and a server's
 * {@code JSESSIONID="q"} becomes {@code JSESSIONID=s1~"q"}, which is not a legal cookie value. Here the
 * prefix goes inside the quotes ({@code "s1~q"}) and is taken from inside them, so the application gets
 * back exactly {@code "q"}; HAProxy's {@code s1~"q"} form is still understood.
 */
public final class StickyCookieCodec {
    private static final long DAY_SECONDS = 86_400;

    private final StickyCookie spec;
    private final StickyIndex index;
    private final LongSupplier clockSeconds;
    private final SetCookieRewriter responses;
    private final boolean jumpToName;
    // A valid cookie with nothing to edit (insert without indirect, prefix without '~') allocates nothing.
    private final Map<Server, StickyRequestDecision> sharedValid = new IdentityHashMap<>();

    /**
     * A codec for one directive over the servers of {@code index}; rejects what HAProxy rejects.
     *
     * @param clockSeconds the current Unix time in seconds, read only for {@code maxidle}/{@code maxlife} dates
     */
    public StickyCookieCodec(StickyCookie spec, StickyIndex index, LongSupplier clockSeconds) {
        this(spec, index, clockSeconds, true);
    }

    /**
     * @param jumpToName false: read every cookie of a header one by one instead of jumping to those named
     *     like ours (the simple reading, which tests compare the jumping one against)
     */
    StickyCookieCodec(StickyCookie spec, StickyIndex index, LongSupplier clockSeconds, boolean jumpToName) {
        this.jumpToName = jumpToName;
        this.spec = requireNonNull(spec, "spec");
        this.index = requireNonNull(index, "index");
        this.clockSeconds = requireNonNull(clockSeconds, "clockSeconds");
        if (spec.mode() == StickyCookie.Mode.REWRITE && spec.indirect()) {
            throw new IllegalArgumentException("cookie " + spec.name()
                    + ": 'rewrite' with 'indirect' (expected: HAProxy rejects this combination)");
        }
        if (spec.preserve() && spec.mode() != StickyCookie.Mode.INSERT && !spec.indirect()) {
            throw new IllegalArgumentException("cookie " + spec.name()
                    + ": 'preserve' (expected: with at least 'insert' or 'indirect')");
        }
        List<Server> indexed = index.servers();
        this.responses = new SetCookieRewriter(spec, clockSeconds, indexed);
        for (Server server : indexed) {
            sharedValid.put(server, new StickyRequestDecision(server, CookieState.VALID, 0, 0, null));
        }
    }

    /** The codec of a sticky backend on the system clock, or null when the backend has no {@code cookie}. */
    public static StickyCookieCodec forBackend(Backend backend) {
        if (backend.cookie() == null) {
            return null;
        }
        try {
            return new StickyCookieCodec(backend.cookie(), StickyIndex.forBackend(backend),
                    () -> System.currentTimeMillis() / 1000);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("backend " + backend.name() + ": " + e.getMessage(), e);
        }
    }

    /** The directive this codec applies. */
    public StickyCookie spec() {
        return spec;
    }

    /**
     * Reads the persistence cookie of a request: the first cookie naming a server that is up binds the
     * request to it (a disabled, draining server still counts while it is up); prefixes are stripped and,
     * under {@code insert indirect}, the cookie is removed from what is forwarded.
     *
     * @param cookieHeaders the request's Cookie header values, in order (an empty list when none)
     */
    public StickyRequestDecision decide(List<String> cookieHeaders, ServerStatus status) {
        CookieScan scan = CookieScan.start();
        for (int i = 0, n = cookieHeaders.size(); i < n; i++) {
            scanHeader(cookieHeaders.get(i), scan, status);
            scan.endHeader(cookieHeaders, i);
        }
        return scan.decision(cookieHeaders, sharedValid);
    }

    /**
     * Edits a response's Set-Cookie headers for the server that actually answered it (after a
     * redispatch, not the one the cookie named).
     *
     * @param request what {@link #decide} said for the request of this response
     * @param answered the server that produced the response; null for a response made by the proxy
     * @param method the request method, e.g. {@code GET}
     * @param status the response status code
     * @param setCookieHeaders the response's Set-Cookie values, in order
     * @param cacheControlHeaders the response's Cache-Control values (for {@code nocache})
     * @param pragmaHeaders the response's Pragma values (for {@code nocache})
     */
    public StickyResponseEdit rewriteResponse(StickyRequestDecision request, Server answered, String method,
            int status, List<String> setCookieHeaders, List<String> cacheControlHeaders, List<String> pragmaHeaders) {
        if (answered == null) {
            return StickyResponseEdit.UNCHANGED;
        }
        return responses.rewrite(request, answered, method, status, setCookieHeaders, cacheControlHeaders,
                pragmaHeaders);
    }

    private void scanHeader(String h, CookieScan scan, ServerStatus status) {
        String name = spec.name();
        int n = h.length();
        int prevTokenEnd = -1;
        boolean removesFromRequests = spec.mode() == StickyCookie.Mode.INSERT && spec.indirect();
        // Separators are found with String.indexOf, so other cookies' values are never walked.
        int semicolon = -1;
        int comma = -1;
        int i = 0;
        while (i < n) {
            // Jump to the next cookie named like ours unless a quote comes first: without quotes the
            // cookies jumped over are bounded by the separators alone, and none of them is ours.
            int at = jumpToName ? nextNamedCookie(h, name, i) : BEYOND_QUOTE;
            if (at == NO_MORE) {
                return;
            }
            if (at >= 0) {
                int back = at;
                while (back > i && isSeparatorOrSpace(h.charAt(back - 1))) {
                    back--;
                }
                if (back > i) {
                    prevTokenEnd = back; // the end of the last cookie jumped over
                }
                i = at;
            } else {
                at = -1;
                while (i < n && isSeparatorOrSpace(h.charAt(i))) {
                    i++;
                }
                if (i == n) {
                    return;
                }
            }
            int tokenStart = i;
            if (semicolon < i) {
                semicolon = indexOrEnd(h, ';', i);
            }
            if (comma < i) {
                comma = indexOrEnd(h, ',', i);
            }
            int separator = Math.min(semicolon, comma);
            int eq = h.indexOf('=', i);
            if (eq < 0 || eq > separator) {
                // A cookie without '=' (a flag) is kept as it is.
                prevTokenEnd = trimEnd(h, tokenStart, separator);
                i = separator;
                continue;
            }
            int nameEnd = trimEnd(h, tokenStart, eq);
            int valueStart = eq + 1;
            while (valueStart < separator && isSpace(h.charAt(valueStart))) {
                valueStart++;
            }
            if (valueStart == separator) {
                valueStart = eq + 1; // an empty value ends at the '='
            } else if (h.charAt(valueStart) == '"') {
                // Quotes decide where a value ends: a separator inside them does not count.
                int close = h.indexOf('"', valueStart + 1);
                if (close > separator) {
                    semicolon = indexOrEnd(h, ';', close);
                    comma = indexOrEnd(h, ',', close);
                    separator = Math.min(semicolon, comma);
                }
            }
            int valueEnd = trimEnd(h, valueStart, separator);
            // A cookie jumped to starts with our name already.
            if (nameEnd - tokenStart == name.length() && (at == tokenStart || h.startsWith(name, tokenStart))) {
                persistenceCookie(h, tokenStart, nameEnd, eq, valueStart, valueEnd, separator, prevTokenEnd, scan,
                        status);
                if (removesFromRequests) {
                    // The cookie is cut out: a later cut must join the last cookie that stays.
                    i = separator;
                    continue;
                }
            }
            prevTokenEnd = valueEnd;
            i = separator;
        }
    }

    private static final int NO_MORE = -1;
    private static final int BEYOND_QUOTE = -2;

    /**
     * Where the next cookie whose text starts with {@code name} begins, at or after {@code from} (0 or a
     * separator): {@link #NO_MORE} when the name does not occur again, {@link #BEYOND_QUOTE} when a quote
     * lies between {@code from} and its next occurrence.
     */
    private static int nextNamedCookie(String h, String name, int from) {
        for (int at = h.indexOf(name, from); at >= 0; at = h.indexOf(name, at + 1)) {
            // Searched backwards: only the text before the occurrence is read, not the whole header.
            if (h.lastIndexOf('"', at - 1) >= from) {
                return BEYOND_QUOTE;
            }
            int j = at;
            while (j > from && isSpace(h.charAt(j - 1))) {
                j--;
            }
            if (j == from || isSeparator(h.charAt(j - 1))) {
                return at;
            }
        }
        return NO_MORE;
    }

    private static int indexOrEnd(String h, char c, int from) {
        int at = h.indexOf(c, from);
        return at < 0 ? h.length() : at;
    }

    private void persistenceCookie(String h, int tokenStart, int nameEnd, int eq, int valueStart, int valueEnd,
            int separator, int prevTokenEnd, CookieScan scan, ServerStatus status) {
        int from = valueStart;
        int to = valueEnd;
        if (to - from >= 2 && h.charAt(from) == '"' && h.charAt(to - 1) == '"') {
            from++;
            to--;
        }
        if (spec.mode() == StickyCookie.Mode.PREFIX) {
            // HAProxy forwards the cookie with the spaces around '=' removed.
            scan.cut(nameEnd, eq);
            scan.cut(eq + 1, valueStart);
            // One pass finds the '~' and hashes the server part before it.
            long key = StickyIndex.scanKey(h, from, to, '~');
            int tilde = (int) (key >>> 32);
            if (tilde < to) {
                scan.cut(from, tilde + 1);
            }
            route(h, from, tilde, (int) key, 0, 0, scan, status);
            return;
        }
        long key = StickyIndex.scanKey(h, from, to, '|');
        int bar = (int) (key >>> 32) < to ? (int) (key >>> 32) : -1;
        long last = 0;
        long first = 0;
        if (bar >= 0) {
            int bar2 = indexOf(h, '|', bar + 1, to);
            last = CookieDates.decode(h, bar + 1, bar2 < 0 ? to : bar2);
            if (bar2 >= 0) {
                first = CookieDates.decode(h, bar2 + 1, to);
            }
        }
        if (isExpired(last, first)) {
            scan.observe(CookieState.EXPIRED, null, 0, 0);
        } else {
            route(h, from, bar >= 0 ? bar : to, (int) key, last, first, scan, status);
        }
        if (spec.mode() == StickyCookie.Mode.INSERT && spec.indirect()) {
            // HAProxy removes it even when its value names no server.
            removeCookie(h, tokenStart, separator, prevTokenEnd, scan);
        }
    }

    private void route(String h, int from, int to, int rawHash, long last, long first, CookieScan scan,
            ServerStatus status) {
        if (scan.state() == CookieState.VALID) {
            return;
        }
        if (from == to) {
            scan.observe(CookieState.INVALID, null, last, first);
            return;
        }
        Server[] candidates = index.lookup(h, from, to, rawHash);
        for (Server candidate : candidates) {
            if (status.isUp(candidate)) {
                scan.observe(CookieState.VALID, candidate, last, first);
                return;
            }
        }
        scan.observe(candidates.length == 0 ? CookieState.INVALID : CookieState.DOWN, null, last, first);
    }

    private boolean isExpired(long last, long first) {
        if (first != 0 && spec.maxLife() != null) {
            long now = clockSeconds.getAsLong();
            if (now - first > spec.maxLife().getSeconds() || first - now > DAY_SECONDS) {
                return true;
            }
        }
        if (last != 0 && spec.maxIdle() != null) {
            long now = clockSeconds.getAsLong();
            return now - last > spec.maxIdle().getSeconds() || last - now > DAY_SECONDS;
        }
        return false;
    }

    /** Cuts a whole cookie with one of its separators, so the rest of the header keeps its shape. */
    private static void removeCookie(String h, int tokenStart, int separator, int prevTokenEnd,
            CookieScan scan) {
        int n = h.length();
        int next = separator;
        while (next < n && (isSeparator(h.charAt(next)) || isSpace(h.charAt(next)))) {
            next++;
        }
        if (next < n) {
            scan.cut(tokenStart, next);
        } else if (prevTokenEnd >= 0) {
            scan.cut(prevTokenEnd, n);
        } else {
            scan.cut(0, n);
        }
    }

    private static int indexOf(String h, char c, int from, int to) {
        for (int at = from; at < to; at++) {
            if (h.charAt(at) == c) {
                return at;
            }
        }
        return -1;
    }

    private static int trimEnd(String h, int from, int to) {
        while (to > from && isSpace(h.charAt(to - 1))) {
            to--;
        }
        return to;
    }

    private static boolean isSeparatorOrSpace(char c) {
        return isSeparator(c) || isSpace(c);
    }

    private static boolean isSeparator(char c) {
        return c == ';' || c == ',';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }
}
