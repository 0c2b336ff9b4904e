package io.mlbj.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.LbServer;
import io.mlbj.core.routing.RoutingTable;
import java.net.CookieManager;
import java.net.HttpCookie;
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
 * The WSO2 case end to end: {@code cookie JSESSIONID prefix nocache} in front of servlet-like backends,
 * through a real {@code LbServer} with the default options and a JDK HTTP client keeping cookies.
 */
class StickyPrefixEndToEndTest {
    private static final String PREFIX = "cookie JSESSIONID prefix nocache";

    private List<SessionBackend> backends;
    private Map<String, SessionBackend> byName;

    @BeforeEach
    void startBackends() throws Exception {
        backends = List.of(SessionBackend.start("a"), SessionBackend.start("b"), SessionBackend.start("c"));
        byName = backends.stream().collect(Collectors.toMap(SessionBackend::name, Function.identity()));
    }

    @AfterEach
    void stopBackends() {
        backends.forEach(SessionBackend::close);
    }

    @Test
    void serverCookieIsPrefixedAndTheSessionStaysOnItsServer() throws Exception {
        RoutingTable table = new RoutingTable(StickyConfig.snapshot(StickyConfig.text(PREFIX, true, backends)));
        LbServer lb = StickyConfig.start(table);
        try {
            CookieManager jar = new CookieManager();
            HttpClient client = HttpClient.newBuilder().cookieHandler(jar).version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            URI uri = StickyConfig.uri(lb, "/store");
            SessionReply first = send(client, uri);
            SessionBackend owner = byName.get(first.backend());
            // The servlet's own cookie, every attribute kept, with the server's marathon-lb value before '~'.
            assertThat(first.setCookies())
                    .containsExactly("JSESSIONID=" + owner.cookieValue() + "~" + first.session() + "; Path=/; HttpOnly");
            // prefix never inserts a cookie, so nocache adds nothing.
            assertThat(first.cacheControl()).isEmpty();
            jar.getCookieStore().add(uri, browserCookie("theme", "dark"));
            for (int i = 2; i <= 10; i++) {
                SessionReply next = send(client, uri);
                assertThat(next.backend()).isEqualTo(owner.name());
                assertThat(next.session()).isEqualTo(first.session());
                assertThat(next.hits()).isEqualTo(i);
                assertThat(next.setCookies()).isEmpty();
                // The application sees its own value back; other cookies are forwarded untouched.
                assertThat(next.cookie().split("; ")).containsExactlyInAnyOrder(
                        "JSESSIONID=" + first.session(), "theme=dark");
            }
            assertThat(owner.sessionCount()).isEqualTo(1);
            assertThat(backends.stream().mapToInt(SessionBackend::sessionCount).sum()).isEqualTo(1);
        } finally {
            lb.close(Duration.ofSeconds(1));
        }
    }

    @Test
    void twoProxiesOverTheSameConfigRouteTheSameCookieToTheSameServer() throws Exception {
        String text = StickyConfig.text(PREFIX, false, backends);
        LbServer first = StickyConfig.start(new RoutingTable(StickyConfig.snapshot(text)));
        LbServer second = StickyConfig.start(new RoutingTable(StickyConfig.snapshot(text)));
        try {
            HttpClient client = BrowserSession.sharedClient();
            for (int i = 0; i < 12; i++) {
                // Sessions start on either instance; the other one must know their cookies.
                LbServer home = i % 2 == 0 ? first : second;
                LbServer other = home == first ? second : first;
                BrowserSession session = new BrowserSession();
                SessionReply start = session.get(client, StickyConfig.uri(home, "/"));
                SessionBackend owner = byName.get(start.backend());
                assertThat(session.cookie("JSESSIONID")).isEqualTo(owner.cookieValue() + "~" + start.session());
                session.get(client, StickyConfig.uri(home, "/"));
                // The switch: the same cookie, another instance, no shared state between them.
                for (int hit = 3; hit <= 5; hit++) {
                    SessionReply after = session.get(client, StickyConfig.uri(other, "/"));
                    assertThat(after.backend()).isEqualTo(owner.name());
                    assertThat(after.session()).isEqualTo(start.session());
                    assertThat(after.hits()).isEqualTo(hit);
                    assertThat(after.setCookies()).isEmpty();
                }
            }
            // Each instance balanced its 6 new sessions round robin over the 3 servers: 4 sessions each.
            assertThat(backends).allSatisfy(b -> assertThat(b.sessionCount()).isEqualTo(4));
        } finally {
            first.close(Duration.ofSeconds(1));
            second.close(Duration.ofSeconds(1));
        }
    }

    /** A cookie as a browser stores one set by {@code Set-Cookie: NAME=VALUE; Path=/}. */
    private static HttpCookie browserCookie(String name, String value) {
        HttpCookie c = new HttpCookie(name, value);
        c.setVersion(0);
        c.setPath("/");
        c.setDomain("127.0.0.1");
        return c;
    }

    private static SessionReply send(HttpClient client, URI uri) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return SessionReply.of(r);
    }
}
