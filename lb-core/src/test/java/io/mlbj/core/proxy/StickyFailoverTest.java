package io.mlbj.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.LbServer;
import io.mlbj.core.routing.RoutingTable;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A server goes away, either removed from the config by a routing swap (a Marathon update) or stopped
 * while the config still names it ({@code option redispatch}, no health check): its sessions move to
 * another server and get that server's cookie, the other sessions stay where they are. A draining
 * ({@code disabled}) server keeps its sessions.
 */
class StickyFailoverTest {
    private static final int SESSIONS = 30;

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

    @ParameterizedTest(name = "{0}, server lost by {1}")
    @CsvSource({"prefix, swap", "prefix, stop", "insert, swap", "insert, stop"})
    void sessionsOfALostServerMoveAndTheOthersStay(String mode, String loss) throws Exception {
        String cookieLine = mode.equals("prefix") ? "cookie JSESSIONID prefix nocache"
                : "cookie mesosphere_server_id insert indirect nocache";
        RoutingTable table = new RoutingTable(StickyConfig.snapshot(StickyConfig.text(cookieLine, false, backends)));
        LbServer lb = StickyConfig.start(table);
        try {
            HttpClient client = BrowserSession.sharedClient();
            URI uri = StickyConfig.uri(lb, "/app");
            List<BrowserSession> sessions = new ArrayList<>();
            List<SessionReply> starts = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                BrowserSession session = new BrowserSession();
                SessionReply start = session.get(client, uri);
                assertThat(serverCookie(mode, session)).isEqualTo(byName.get(start.backend()).cookieValue());
                sessions.add(session);
                starts.add(start);
            }
            SessionBackend lost = byName.get("b");
            assertThat(lost.sessionCount()).isEqualTo(SESSIONS / 3);
            int lostRequests = lost.requestCount();
            if (loss.equals("swap")) {
                List<SessionBackend> remaining = List.of(byName.get("a"), byName.get("c"));
                table.swap(StickyConfig.snapshot(StickyConfig.text(cookieLine, false, remaining)));
            } else {
                lost.stop();
            }
            for (int i = 0; i < SESSIONS; i++) {
                BrowserSession session = sessions.get(i);
                SessionReply start = starts.get(i);
                SessionReply next = session.get(client, uri);
                assertThat(next.status()).isEqualTo(200);
                if (start.backend().equals(lost.name())) {
                    // A new server and a new session there, and the cookie now names that server.
                    assertThat(next.backend()).isNotEqualTo(lost.name());
                    assertThat(next.session()).isNotEqualTo(start.session());
                    assertThat(next.hits()).isEqualTo(1);
                    assertThat(serverCookie(mode, session)).isEqualTo(byName.get(next.backend()).cookieValue());
                    SessionReply again = session.get(client, uri);
                    assertThat(again.backend()).isEqualTo(next.backend());
                    assertThat(again.session()).isEqualTo(next.session());
                    assertThat(again.hits()).isEqualTo(2);
                    assertThat(again.setCookies()).isEmpty();
                } else {
                    assertThat(next.backend()).isEqualTo(start.backend());
                    assertThat(next.session()).isEqualTo(start.session());
                    assertThat(next.hits()).isEqualTo(2);
                    assertThat(next.setCookies()).isEmpty();
                }
                // What the application sees: its own session cookie, never the proxy's part.
                assertThat(next.cookie()).isEqualTo("JSESSIONID=" + start.session());
            }
            assertThat(lost.requestCount()).isEqualTo(lostRequests);
        } finally {
            lb.close(Duration.ofSeconds(1));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"prefix", "insert"})
    void sessionsOfADrainingServerStayWhileNewSessionsAvoidIt(String mode) throws Exception {
        String cookieLine = mode.equals("prefix") ? "cookie JSESSIONID prefix nocache"
                : "cookie mesosphere_server_id insert indirect nocache";
        RoutingTable table = new RoutingTable(StickyConfig.snapshot(StickyConfig.text(cookieLine, false, backends)));
        LbServer lb = StickyConfig.start(table);
        try {
            HttpClient client = BrowserSession.sharedClient();
            URI uri = StickyConfig.uri(lb, "/");
            List<BrowserSession> sessions = new ArrayList<>();
            List<SessionReply> starts = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                BrowserSession session = new BrowserSession();
                starts.add(session.get(client, uri));
                sessions.add(session);
            }
            // A blue/green deploy: b is still up but marked disabled.
            table.swap(StickyConfig.snapshot(StickyConfig.text(cookieLine, false, backends, Set.of("b"))));
            for (int i = 0; i < 9; i++) {
                SessionReply next = sessions.get(i).get(client, uri);
                assertThat(next.backend()).isEqualTo(starts.get(i).backend());
                assertThat(next.session()).isEqualTo(starts.get(i).session());
                assertThat(next.hits()).isEqualTo(2);
                assertThat(next.setCookies()).isEmpty();
            }
            for (int i = 0; i < 6; i++) {
                assertThat(new BrowserSession().get(client, uri).backend()).isNotEqualTo("b");
            }
            assertThat(byName.get("b").sessionCount()).isEqualTo(3);
        } finally {
            lb.close(Duration.ofSeconds(1));
        }
    }

    /** The server's cookie value the browser now holds: before '~' of JSESSIONID, or the inserted cookie. */
    private static String serverCookie(String mode, BrowserSession session) {
        if (mode.equals("prefix")) {
            String v = session.cookie("JSESSIONID");
            return v.substring(0, v.indexOf('~'));
        }
        return session.cookie("mesosphere_server_id");
    }
}
