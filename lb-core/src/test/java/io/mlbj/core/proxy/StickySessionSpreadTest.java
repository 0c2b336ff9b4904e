package io.mlbj.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.LbServer;
import io.mlbj.core.routing.RoutingTable;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A thousand browser sessions, 16 at a time, against four servlet-like servers behind
 * {@code cookie JSESSIONID prefix nocache}: new sessions are spread round robin, and every session keeps
 * its server (and its server-side session) for all of its requests.
 */
class StickySessionSpreadTest {
    private static final int SESSIONS = 1000;
    private static final int REQUESTS_PER_SESSION = 20;
    private static final int CONCURRENT = 16;

    private List<SessionBackend> backends;
    private Map<String, SessionBackend> byName;

    @BeforeEach
    void startBackends() throws Exception {
        backends = List.of(SessionBackend.start("a"), SessionBackend.start("b"), SessionBackend.start("c"),
                SessionBackend.start("d"));
        byName = backends.stream().collect(Collectors.toMap(SessionBackend::name, Function.identity()));
    }

    @AfterEach
    void stopBackends() {
        backends.forEach(SessionBackend::close);
    }

    @Test
    void everySessionKeepsItsServerWhileNewSessionsSpreadEvenly() throws Exception {
        String text = StickyConfig.text("cookie JSESSIONID prefix nocache", false, backends);
        LbServer lb = StickyConfig.start(new RoutingTable(StickyConfig.snapshot(text)));
        ExecutorService browsers = Executors.newFixedThreadPool(CONCURRENT);
        try {
            HttpClient client = BrowserSession.sharedClient();
            URI uri = StickyConfig.uri(lb, "/");
            List<Future<String>> owners = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                owners.add(browsers.submit(() -> runSession(client, uri)));
            }
            Map<String, Integer> sessionsPerBackend = new HashMap<>();
            for (Future<String> f : owners) {
                sessionsPerBackend.merge(f.get(5, TimeUnit.MINUTES), 1, Integer::sum);
            }
            // Only a session's first request is balanced, so round robin deals them out exactly.
            assertThat(sessionsPerBackend).containsOnlyKeys("a", "b", "c", "d");
            assertThat(sessionsPerBackend.values()).allSatisfy(n -> assertThat(n).isEqualTo(SESSIONS / 4));
            for (SessionBackend b : backends) {
                assertThat(b.sessionCount()).isEqualTo(SESSIONS / 4);
                assertThat(b.requestCount()).isEqualTo(SESSIONS / 4 * REQUESTS_PER_SESSION);
                assertThat(b.sessionHits().values()).containsOnly(REQUESTS_PER_SESSION);
            }
        } finally {
            browsers.shutdownNow();
            lb.close(Duration.ofSeconds(1));
        }
    }

    /** One session's requests; returns the backend that owned it after checking every answer. */
    private String runSession(HttpClient client, URI uri) throws Exception {
        BrowserSession session = new BrowserSession();
        SessionReply first = session.get(client, uri);
        SessionBackend owner = byName.get(first.backend());
        assertThat(session.cookie("JSESSIONID")).isEqualTo(owner.cookieValue() + "~" + first.session());
        for (int i = 2; i <= REQUESTS_PER_SESSION; i++) {
            SessionReply next = session.get(client, uri);
            assertThat(next.backend()).isEqualTo(owner.name());
            assertThat(next.session()).isEqualTo(first.session());
            assertThat(next.hits()).isEqualTo(i);
            assertThat(next.cookie()).isEqualTo("JSESSIONID=" + first.session());
        }
        return owner.name();
    }
}
