package io.mlbj.core.sticky;

import java.util.List;

/**
 * Whether HAProxy 2.0 considers a response cacheable, which is when {@code nocache} adds
 * {@code Cache-Control: private} to a response that gets an inserted cookie. HAProxy 2.4+ also requires
 * freshness or validator headers; marathon-lb ships 2.0, whose rule this is.
 */
final class ResponseCacheability {
    private ResponseCacheability() {
    }

    /**
     * Method GET, HEAD, OPTIONS or TRACE; status 200, 203, 204, 206, 300, 301, 404, 405, 410, 414 or
     * 501; no {@code Pragma: no-cache}; no Cache-Control {@code private}, {@code no-cache},
     * {@code no-store}, {@code max-age=0} or {@code s-maxage=0}.
     */
    static boolean isCacheable(String method, int status, List<String> cacheControl, List<String> pragma) {
        if (!("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)
                || "TRACE".equals(method))) {
            return false;
        }
        switch (status) {
            case 200, 203, 204, 206, 300, 301, 404, 405, 410, 414, 501 -> {
            }
            default -> {
                return false;
            }
        }
        for (String value : pragma) {
            if (hasDirective(value, "no-cache", false)) {
                return false;
            }
        }
        for (String value : cacheControl) {
            if (hasDirective(value, "private", true) || hasDirective(value, "no-cache", false)
                    || hasDirective(value, "no-store", false) || hasDirective(value, "max-age=0", false)
                    || hasDirective(value, "s-maxage=0", false)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a comma-separated header value holds the directive; {@code withArgument} also accepts
     * {@code directive="..."}. {@code no-cache="set-cookie"} only forbids caching the cookie, so it is
     * not a match for {@code no-cache}.
     */
    private static boolean hasDirective(String value, String directive, boolean withArgument) {
        int at = 0;
        int n = value.length();
        while (at < n) {
            int end = value.indexOf(',', at);
            if (end < 0) {
                end = n;
            }
            int from = at;
            int to = end;
            while (from < to && Character.isWhitespace(value.charAt(from))) {
                from++;
            }
            while (to > from && Character.isWhitespace(value.charAt(to - 1))) {
                to--;
            }
            int length = directive.length();
            if (value.regionMatches(true, from, directive, 0, length)
                    && (to - from == length || withArgument && value.charAt(from + length) == '=')) {
                return true;
            }
            at = end + 1;
        }
        return false;
    }
}
