package io.mlbj.marathon.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.marathon.testing.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo as a user meets it: HTTPS through the LB (TLS on both sides), sticky on the servlet's JSESSIONID,
 * failover on a killed task. Only the app's own frontend is checked: the global ones share one port-0
 * listener here (same bind address), so they are exercised by the manual demo run instead.
 */
class WsoDemoTest {
    private static WsoDemo demo;
    private static HttpClient client;

    @BeforeAll
    static void start() throws Exception {
        demo = WsoDemo.start(new WsoDemo.Ports(0, 0, 0, 0, 0), 3);
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("demo", demo.certificate().certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        client = HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        Await.until("the app's frontend is bound", () -> demo.boundPort(demo.serviceFrontend()) > 0);
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    private static HttpResponse<String> get(String frontend, String cookie) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(
                    URI.create("https://localhost:" + demo.boundPort(frontend) + "/")).timeout(Duration.ofSeconds(10));
            if (cookie != null) {
                b.header("Cookie", cookie);
            }
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("GET through " + frontend + " failed: " + e, e);
        }
    }

    private static String task(HttpResponse<String> r) {
        return r.headers().firstValue("X-Task-Id").orElseThrow();
    }

    private static String jsessionid(HttpResponse<String> r) {
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("JSESSIONID=");
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    @Test
    void aSessionSticksToItsTaskUntilTheTaskIsKilled() {
        HttpResponse<String> first = get(demo.serviceFrontend(), null);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("(new)");
        String cookie = jsessionid(first);
        // prefix mode: the LB's server cookie, '~', then the servlet container's session id
        assertThat(cookie).matches("JSESSIONID=[0-9a-f]{10}~[0-9A-F]{32}");
        String owner = task(first);
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> again = get(demo.serviceFrontend(), cookie);
            assertThat(task(again)).isEqualTo(owner);
            assertThat(again.body()).contains("(continued)");
            assertThat(again.headers().firstValue("Set-Cookie")).isEmpty();
        }

        demo.emulator().killTask(WsoDemo.APP_ID, owner, false);
        HttpResponse<String> after = Await.value("another task answers the session", () -> {
            HttpResponse<String> r = get(demo.serviceFrontend(), cookie);
            return r.statusCode() == 200 && !task(r).equals(owner) ? r : null;
        });
        assertThat(after.body()).contains("(new)");
        assertThat(jsessionid(after)).isNotEqualTo(cookie);
    }

    @Test
    void withoutTheCookieRequestsAreSpreadOverTheTasks() {
        Set<String> tasks = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            tasks.add(task(get(demo.serviceFrontend(), null)));
        }
        assertThat(tasks).hasSizeGreaterThan(1);
    }
}
