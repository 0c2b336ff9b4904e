package io.mlbj.core.proxy;

import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link SessionBackend}'s answer as the client received it through the proxy.
 *
 * @param backend the name of the backend that answered
 * @param session the backend's session id (the original JSESSIONID value)
 * @param hits the requests this session made on that backend, this one included
 * @param cookie the Cookie headers the backend received, joined with {@code " | "}
 * @param headers the response headers the client received
 */
record SessionReply(int status, String backend, String session, int hits, String cookie, HttpHeaders headers) {

    static SessionReply of(HttpResponse<String> response) {
        Map<String, String> fields = new HashMap<>();
        for (String line : response.body().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                fields.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return new SessionReply(response.statusCode(), fields.get("backend"), fields.get("session"),
                Integer.parseInt(fields.getOrDefault("hits", "0")), fields.getOrDefault("cookie", ""),
                response.headers());
    }

    /** The Set-Cookie headers the client received. */
    List<String> setCookies() {
        return headers.allValues("set-cookie");
    }

    /** The Cache-Control headers the client received. */
    List<String> cacheControl() {
        return headers.allValues("cache-control");
    }
}
