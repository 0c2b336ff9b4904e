package io.mlbj.core.proxy;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One browser session: its own cookie jar ({@link CookieManager}) over a shared {@link HttpClient}, so
 * a test can run a thousand sessions without a thousand clients (each JDK client owns a selector thread).
 */
final class BrowserSession {
    private final CookieManager jar = new CookieManager();

    /** Sends {@code GET uri} with the jar's cookies and stores the cookies of the answer. */
    SessionReply get(HttpClient client, URI uri) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        List<String> cookies = jar.get(uri, Map.of()).getOrDefault("Cookie", List.of());
        if (!cookies.isEmpty()) {
            b.header("Cookie", String.join("; ", cookies));
        }
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        jar.put(uri, r.headers().map());
        return SessionReply.of(r);
    }

    /** The value of cookie {@code name} in the jar, or null. */
    String cookie(String name) {
        return jar.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    /** A client for many sessions: HTTP/1.1, no cookie handler of its own. */
    static HttpClient sharedClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .build();
    }
}
