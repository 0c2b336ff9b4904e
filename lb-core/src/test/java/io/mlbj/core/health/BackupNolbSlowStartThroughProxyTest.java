package io.mlbj.core.health;

import static io.mlbj.core.health.HealthChecksTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.LbServer;
import io.mlbj.core.LbServerOptions;
import io.mlbj.core.haproxy.ConfigInterpreter;
import io.mlbj.core.haproxy.MapFileReader;
import io.mlbj.core.routing.BindAddress;
import io.mlbj.core.routing.RoutingSnapshot;
import io.mlbj.core.routing.RoutingTable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A real LbServer from config text, real HTTP servers on port 0 and real HTTP checks: {@code backup} and
 * {@code option allbackups}, {@code http-check disable-on-404} with sticky cookies, and a {@code slowstart} ramp
 * seen in the stats CSV.
 */
class BackupNolbSlowStartThroughProxyTest {
    private static final BindAddress STATS = new BindAddress("127.0.0.1", 0);
    private static final BindAddress APP = new BindAddress("127.0.0.2", 0);

    private final CheckTarget a = CheckTarget.start("a");
    private final CheckTarget x = CheckTarget.start("x");
    private final CheckTarget y = CheckTarget.start("y");
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private RoutingTable table;
    private LbServer lb;

    @AfterEach
    void stop() {
        if (lb != null) {
            lb.close(Duration.ofSeconds(1));
        }
        a.close();
        x.close();
        y.close();
    }

    /** Starts the LB with backend {@code be} (HTTP checks, 10 s check timeout) and these lines appended. */
    private void start(String backendLines) throws Exception {
        String text = """
                listen stats
                  bind 127.0.0.1:0
                  mode http
                  stats enable
                frontend app
                  bind 127.0.0.2:0
                  mode http
                  default_backend be
                backend be
                  mode http
                  balance roundrobin
                  option httpchk GET /health
                  timeout check 10s
                """ + backendLines.replace("{a}", Integer.toString(a.port()))
                .replace("{x}", Integer.toString(x.port())).replace("{y}", Integer.toString(y.port()));
        RoutingSnapshot snapshot = new ConfigInterpreter(MapFileReader.NONE, false).interpret(text, "haproxy.cfg");
        assertThat(snapshot.warnings()).isEmpty();
        table = new RoutingTable(snapshot);
        lb = new LbServer(table, LbServerOptions.defaults().withIoThreads(2)).start();
    }

    private ServerHealthView health(int index) {
        return lb.health().server("be", table.current().backend("be").servers().get(index));
    }

    /** The body (the target's name) of a GET to the app frontend, with a cookie header when not null. */
    private String get(String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                URI.create("http://127.0.0.2:" + lb.boundAddress(APP).getPort() + "/x")).timeout(Duration.ofSeconds(20));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private String names(int n) throws Exception {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            out.append(get(null));
        }
        return out.toString();
    }

    /** The server lines of backend {@code be} in the stats CSV, by server name, as column name to value. */
    private Map<String, Map<String, String>> csv() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + lb.boundAddress(STATS).getPort() + "/haproxy?stats;csv")).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        String[] lines = r.body().split("\n");
        List<String> columns = Arrays.asList(lines[0].substring(2).split(",", -1));
        Map<String, Map<String, String>> rows = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",", -1);
            if (cells[0].equals("be")) {
                Map<String, String> row = new HashMap<>();
                for (int c = 0; c < columns.size() && c < cells.length; c++) {
                    row.put(columns.get(c), cells[c]);
                }
                rows.put(cells[1], row);
            }
        }
        return rows;
    }

    @Test
    void theFirstBackupTakesTheTrafficWhileThePrimaryIsDownAndGivesItBack() throws Exception {
        start("""
                  cookie SRV insert indirect nocache
                  server p1 127.0.0.1:{a} check inter 100ms rise 2 fall 2 cookie cp1
                  server b1 127.0.0.1:{x} check inter 100ms backup cookie cb1
                  server b2 127.0.0.1:{y} check inter 100ms backup cookie cb2
                """);
        await("all fully up", () -> "UP".equals(health(0).statusText()) && "UP".equals(health(1).statusText())
                && "UP".equals(health(2).statusText()));
        assertThat(names(6)).isEqualTo("aaaaaa");
        // HAProxy: "Requests coming with a persistence cookie referencing the server will always be served".
        assertThat(get("SRV=cb2")).as("a sticky session on an up backup server").isEqualTo("y");
        int yBefore = y.trafficRequests();
        Map<String, Map<String, String>> rows = csv();
        assertThat(rows.get("p1")).containsEntry("act", "1").containsEntry("bck", "0");
        assertThat(rows.get("b1")).containsEntry("act", "0").containsEntry("bck", "1").containsEntry("status", "UP");
        assertThat(rows.get("BACKEND")).containsEntry("act", "1").containsEntry("bck", "2");

        a.healthStatus(503);
        await("primary down", () -> !health(0).isUp());
        assertThat(names(6)).as("only the first backup, without allbackups").isEqualTo("xxxxxx");
        assertThat(csv().get("BACKEND")).containsEntry("status", "UP").containsEntry("act", "0")
                .containsEntry("bck", "2");

        a.healthStatus(200);
        await("primary up again", () -> health(0).isUp());
        assertThat(names(6)).isEqualTo("aaaaaa");
        assertThat(y.trafficRequests()).as("the second backup got no balanced traffic").isEqualTo(yBefore);
        y.healthStatus(503);
        await("b2 down", () -> !health(2).isUp());
        assertThat(get("SRV=cb2")).as("a cookie of a down backup is balanced to the primary").isEqualTo("a");
    }

    @Test
    void allbackupsSpreadsOverEveryUsableBackup() throws Exception {
        start("""
                  option allbackups
                  server p1 127.0.0.1:{a} check inter 100ms rise 2 fall 2
                  server b1 127.0.0.1:{x} check inter 100ms backup
                  server b2 127.0.0.1:{y} check inter 100ms backup
                """);
        await("all fully up", () -> "UP".equals(health(1).statusText()) && "UP".equals(health(2).statusText()));
        a.healthStatus(503);
        await("primary down", () -> !health(0).isUp());
        String picks = names(10);
        assertThat(picks).doesNotContain("a");
        assertThat(picks.chars().filter(c -> c == 'x').count()).isEqualTo(5);
        assertThat(picks.chars().filter(c -> c == 'y').count()).isEqualTo(5);
    }

    @Test
    void disableOn404KeepsStickySessionsAndStopsNewOnes() throws Exception {
        start("""
                  cookie SRV insert indirect nocache
                  http-check disable-on-404
                  server s1 127.0.0.1:{a} check inter 100ms rise 2 fall 2 cookie c1
                  server s2 127.0.0.1:{x} check inter 100ms rise 2 fall 2 cookie c2
                """);
        await("both fully up", () -> "UP".equals(health(0).statusText()) && "UP".equals(health(1).statusText()));
        a.healthStatus(404);
        await("s1 NOLB", () -> health(0).state() == ServerState.NOLB);
        assertThat(names(6)).as("no new balanced traffic to s1").isEqualTo("xxxxxx");
        for (int i = 0; i < 3; i++) {
            assertThat(get("SRV=c1")).as("sticky requests still reach s1").isEqualTo("a");
        }
        Map<String, String> s1 = csv().get("s1");
        assertThat(s1.get("status")).isEqualTo("NOLB");
        assertThat(s1.get("check_status")).startsWith("L7OKC");

        a.healthStatus(200);
        await("s1 out of NOLB", () -> health(0).state() == ServerState.UP);
        assertThat(csv().get("s1").get("status")).isEqualTo("UP");
        // The round-robin table notices a returning server within 256 picks.
        String picks = names(300);
        assertThat(picks.substring(260)).contains("a").contains("x");
    }

    @Test
    void slowstartRampsTheWeightShownInTheStatsAfterARecovery() throws Exception {
        // The long check timeout keeps a late check on a busy machine from taking p1 down during its ramp.
        start("""
                  server p1 127.0.0.1:{a} weight 200 check inter 100ms rise 1 fall 1 slowstart 10s
                  server p2 127.0.0.1:{x} weight 200 check inter 100ms rise 1 fall 1
                """);
        await("both fully up", () -> "UP".equals(health(0).statusText()) && "UP".equals(health(1).statusText()));
        assertThat(csv().get("p1").get("weight")).as("no slowstart at start-up").isEqualTo("200");

        a.healthStatus(503);
        await("p1 down", () -> !health(0).isUp());
        a.healthStatus(200);
        await("p1 up again", () -> health(0).isUp());
        List<Integer> seen = new ArrayList<>();
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            Map<String, String> p1 = csv().get("p1");
            assertThat(p1.get("status")).as("p1 stays up during its ramp").isEqualTo("UP");
            int weight = Integer.parseInt(p1.get("weight"));
            seen.add(weight);
            if (weight == 200) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(seen.get(seen.size() - 1)).as("full weight at the end: " + seen).isEqualTo(200);
        assertThat(seen.get(0)).as("ramping first: " + seen).isLessThan(200);
        assertThat(seen).as("never decreasing").isSorted();
        assertThat(seen.stream().distinct().count()).as("several steps: " + seen).isGreaterThan(2);
    }
}
