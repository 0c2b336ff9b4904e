package io.mlbj.bench.load;

import io.netty.handler.codec.http.cookie.ClientCookieDecoder;
import io.netty.handler.codec.http.cookie.ClientCookieEncoder;
import io.netty.handler.codec.http.cookie.Cookie;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One virtual user's cookies, kept by name across its requests and reconnections, so the user looks like
 * one browser session (paths, domains and expiry dates are ignored: there is only one target).
 */
final class CookieJar {

    private final Map<String, Cookie> cookies = new LinkedHashMap<>();

    /** Applies a response's {@code Set-Cookie} values; returns true when the Cookie header to send changed. */
    boolean update(List<String> setCookieValues) {
        boolean changed = false;
        for (String value : setCookieValues) {
            Cookie cookie = ClientCookieDecoder.LAX.decode(value);
            if (cookie == null) {
                continue;
            }
            if (cookie.maxAge() == 0) {
                changed |= cookies.remove(cookie.name()) != null;
                continue;
            }
            Cookie old = cookies.put(cookie.name(), cookie);
            changed |= old == null || !old.value().equals(cookie.value());
        }
        return changed;
    }

    /** The Cookie header value to send, or null when the jar is empty. */
    String cookieHeader() {
        return cookies.isEmpty() ? null : ClientCookieEncoder.STRICT.encode(cookies.values());
    }
}
