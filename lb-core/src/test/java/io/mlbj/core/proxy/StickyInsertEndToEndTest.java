package io.mlbj.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.LbServer;
import io.mlbj.core.routing.RoutingTable;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * marathon-lb's sticky default end to end: {@code cookie mesosphere_server_id insert indirect nocache},
 * through a real {@code LbServer} with the default options and a JDK HTTP client keeping cookies.
 */
class StickyInsertEndToEndTest {
    private static final String INSERT = "cookie mesosphere_server_id insert indirect nocache";

    private List<SessionBackend> backends;
    private Map<String, SessionBackend> byName;
    private LbServer lb;

    @BeforeEach
    void start() throws Exception {
        backends = List.of(SessionBackend.start("a"), SessionBackend.start("b"));
        byName = backends.stream().collect(Collectors.toMap(SessionBackend::name, Function.identity()));
        // marathon-lb's defaults close server connections after each request.
        lb = StickyConfig.start(new RoutingTable(StickyConfig.snapshot(StickyConfig.text(INSERT, true, backends))));
    }

    @AfterEach
    void stop() {
        lb.close(Duration.ofSeconds(1));
        backends.forEach(SessionBackend::close);
    }

    @Test
    void cookieIsInsertedOnceAndNeverReachesTheServer() throws Exception {
        HttpClient client = clientWithCookies();
        SessionReply first = send(client, "GET", "/");
        SessionBackend owner = byName.get(first.backend());
        // The server's own cookie passes untouched; the inserted one comes last.
        assertThat(first.setCookies()).containsExactly("JSESSIONID=" + first.session() + "; Path=/; HttpOnly",
                "mesosphere_server_id=" + owner.cookieValue() + "; path=/");
        // nocache: a cacheable response that carries the inserted cookie is marked private.
        assertThat(first.cacheControl()).containsExactly("private");
        for (int i = 2; i <= 6; i++) {
            SessionReply next = send(client, "GET", "/");
            assertThat(next.backend()).isEqualTo(owner.name());
            assertThat(next.hits()).isEqualTo(i);
            // indirect: removed from the forwarded request, and a valid one is not inserted again.
            assertThat(next.cookie()).isEqualTo("JSESSIONID=" + first.session());
            assertThat(next.setCookies()).isEmpty();
            assertThat(next.cacheControl()).isEmpty();
        }
        assertThat(backends.stream().mapToInt(SessionBackend::sessionCount).sum()).isEqualTo(1);
    }

    @Test
    void nonCacheableResponsesGetTheCookieWithoutCacheControlPrivate() throws Exception {
        SessionReply post = send(clientWithCookies(), "POST", "/");
        assertThat(post.setCookies()).contains(
                "mesosphere_server_id=" + byName.get(post.backend()).cookieValue() + "; path=/");
        assertThat(post.cacheControl()).isEmpty();

        SessionReply noStore = send(clientWithCookies(), "GET", "/no-store");
        assertThat(noStore.setCookies()).contains(
                "mesosphere_server_id=" + byName.get(noStore.backend()).cookieValue() + "; path=/");
        assertThat(noStore.cacheControl()).containsExactly("no-store");
    }

    @Test
    void anUnknownCookieIsRemovedAndTheRequestBalanced() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(StickyConfig.uri(lb, "/"))
                .header("Cookie", "a=1; mesosphere_server_id=0123456789; b=2").build(),
                HttpResponse.BodyHandlers.ofString());
        SessionReply reply = SessionReply.of(r);
        assertThat(reply.cookie()).isEqualTo("a=1; b=2");
        assertThat(reply.setCookies()).contains(
                "mesosphere_server_id=" + byName.get(reply.backend()).cookieValue() + "; path=/");
    }

    private static HttpClient clientWithCookies() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    private SessionReply send(HttpClient client, String method, String path) throws Exception {
        URI uri = StickyConfig.uri(lb, path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString("x=1")
                        : HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return SessionReply.of(r);
    }
}
