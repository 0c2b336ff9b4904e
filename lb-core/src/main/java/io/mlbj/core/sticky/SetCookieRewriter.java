package io.mlbj.core.sticky;

import io.mlbj.core.routing.Server;
import io.mlbj.core.routing.StickyCookie;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The response half of {@link StickyCookieCodec}: HAProxy's {@code http_manage_server_side_cookies}
 * (prefix, rewrite, removal of the server's cookie) and the insertion of {@code http_process_res_common}.
 */
final class SetCookieRewriter {
    private static final String EXPIRED = "; Expires=Thu, 01-Jan-1970 00:00:01 GMT";

    private final StickyCookie spec;
    private final LongSupplier clockSeconds;
    // "; domain=a; domain=b; HttpOnly; Secure; attr": the same for every inserted cookie of the backend.
    private final String insertedAttributes;

    // The usual insertion (no Set-Cookie from the server, no dates) is the same per server: built once.
    private final Map<Server, StickyResponseEdit[]> insertOnly = new IdentityHashMap<>();

    SetCookieRewriter(StickyCookie spec, LongSupplier clockSeconds, List<Server> servers) {
        this.spec = spec;
        this.clockSeconds = clockSeconds;
        StringBuilder attributes = new StringBuilder("; path=/");
        for (String domain : spec.domains()) {
            attributes.append("; domain=").append(domain);
        }
        if (spec.httponly()) {
            attributes.append("; HttpOnly");
        }
        if (spec.secure()) {
            attributes.append("; Secure");
        }
        for (String attribute : spec.attributes()) {
            attributes.append("; ").append(attribute);
        }
        this.insertedAttributes = attributes.toString();
        if (spec.mode() == StickyCookie.Mode.INSERT && spec.maxIdle() == null && spec.maxLife() == null) {
            for (Server server : servers) {
                List<String> cookie = List.of(spec.name() + "=" + server.cookie() + insertedAttributes);
                insertOnly.put(server, new StickyResponseEdit[] {
                    new StickyResponseEdit(cookie, false), new StickyResponseEdit(cookie, true)});
            }
        }
    }

    StickyResponseEdit rewrite(StickyRequestDecision request, Server answered, String method, int status,
            List<String> setCookies, List<String> cacheControl, List<String> pragma) {
        boolean direct = request.state() == CookieState.VALID
                && (request.server() == answered || request.server().equals(answered));
        String name = spec.name();
        List<String> out = null;
        boolean found = false;
        for (int i = 0, n = setCookies.size(); i < n; i++) {
            String h = setCookies.get(i);
            String replacement = h;
            int nameStart = skipSpaces(h, 0);
            int eq = nameStart;
            while (eq < h.length() && h.charAt(eq) != '=' && h.charAt(eq) != ';') {
                eq++;
            }
            // Only the first name=value of a Set-Cookie is a cookie; the rest are its attributes.
            if (eq < h.length() && h.charAt(eq) == '=' && trimEnd(h, nameStart, eq) - nameStart == name.length()
                    && h.startsWith(name, nameStart)) {
                found = true;
                if (spec.preserve()) {
                    replacement = h;
                } else if (spec.mode() == StickyCookie.Mode.INSERT || direct && spec.indirect()) {
                    replacement = null;
                } else if (answered.cookie() != null) {
                    replacement = rewriteValue(h, trimEnd(h, nameStart, eq), eq, answered.cookie());
                }
            }
            if (replacement != h && out == null) {
                out = new ArrayList<>(n + 1);
                out.addAll(setCookies.subList(0, i));
            }
            if (out != null && replacement != null) {
                out.add(replacement);
            }
        }
        boolean cacheControlPrivate = false;
        if (shouldInsert(request, direct, found, method)) {
            cacheControlPrivate = spec.nocache()
                    && ResponseCacheability.isCacheable(method, status, cacheControl, pragma);
            if (out == null && setCookies.isEmpty()) {
                StickyResponseEdit[] prebuilt = insertOnly.get(answered);
                if (prebuilt != null) {
                    return prebuilt[cacheControlPrivate ? 1 : 0];
                }
            }
            if (out == null) {
                out = new ArrayList<>(setCookies.size() + 1);
                out.addAll(setCookies);
            }
            out.add(inserted(request, answered));
        }
        return out == null ? StickyResponseEdit.UNCHANGED : new StickyResponseEdit(List.copyOf(out),
                cacheControlPrivate);
    }

    private boolean shouldInsert(StickyRequestDecision request, boolean direct, boolean serverSetOurs,
            String method) {
        if (spec.mode() != StickyCookie.Mode.INSERT || serverSetOurs && spec.preserve()) {
            return false;
        }
        if (spec.postonly() && !"POST".equals(method)) {
            return false;
        }
        if (!direct) {
            return true;
        }
        long last = request.lastSeen();
        long first = request.firstSeen();
        boolean maxIdle = spec.maxIdle() != null;
        boolean maxLife = spec.maxLife() != null;
        // The dates change (or must appear or go): HAProxy sends the cookie again.
        return (maxIdle || last != 0) && (last == 0 || last < clockSeconds.getAsLong())
                || maxLife && first == 0
                || !maxLife && first != 0;
    }

    private String inserted(StickyRequestDecision request, Server answered) {
        StringBuilder cookie = new StringBuilder(64).append(spec.name()).append('=');
        if (answered.cookie() == null) {
            // A server without a cookie value makes the client forget its persistence cookie.
            cookie.append(EXPIRED);
        } else {
            cookie.append(answered.cookie());
            if (spec.maxIdle() != null || spec.maxLife() != null) {
                long now = clockSeconds.getAsLong();
                cookie.append('|');
                CookieDates.appendRoundedUp(cookie, now);
                if (spec.maxLife() != null) {
                    cookie.append('|');
                    if (request.firstSeen() != 0) {
                        CookieDates.append(cookie, (int) (request.firstSeen() >> 2));
                    } else {
                        CookieDates.appendRoundedUp(cookie, now);
                    }
                }
            }
        }
        return cookie.append(insertedAttributes).toString();
    }

    /** {@code name=value; attrs} with the value prefixed (prefix mode) or replaced (rewrite mode). */
    private String rewriteValue(String h, int nameEnd, int eq, String serverCookie) {
        int n = h.length();
        int valueStart = skipSpaces(h, eq + 1);
        int valueEnd = valueStart;
        while (valueEnd < n && h.charAt(valueEnd) != ';') {
            valueEnd++;
        }
        valueEnd = trimEnd(h, valueStart, valueEnd);
        StringBuilder out = new StringBuilder(n + serverCookie.length() + 1).append(h, 0, nameEnd).append('=');
        if (spec.mode() == StickyCookie.Mode.REWRITE) {
            out.append(serverCookie);
        } else if (valueEnd - valueStart >= 2 && h.charAt(valueStart) == '"' && h.charAt(valueEnd - 1) == '"') {
            // RFC 6265: the quotes enclose the whole value, so the prefix goes inside them.
            out.append('"').append(serverCookie).append('~').append(h, valueStart + 1, valueEnd);
        } else {
            out.append(serverCookie).append('~').append(h, valueStart, valueEnd);
        }
        return out.append(h, valueEnd, n).toString();
    }

    private static int skipSpaces(String h, int at) {
        while (at < h.length() && (h.charAt(at) == ' ' || h.charAt(at) == '\t')) {
            at++;
        }
        return at;
    }

    private static int trimEnd(String h, int from, int to) {
        while (to > from && (h.charAt(to - 1) == ' ' || h.charAt(to - 1) == '\t')) {
            to--;
        }
        return to;
    }
}
