package io.mlbj.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.routing.ConfigWarning;
import io.mlbj.core.routing.RoutingSnapshot;
import io.mlbj.core.routing.RoutingTable;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every admin endpoint over real HTTP, served from marathon-lb's default stats frontend. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminEndpointsTest {
    private static final int REQUESTS = 20;

    /** The daemon's side, as the daemon would implement it: records the calls. */
    static final class RecordingHooks implements AdminHooks {
        final AtomicInteger hups = new AtomicInteger();
        final AtomicBoolean failHup = new AtomicBoolean();

        @Override
        public String vhostMap() {
            return "www.example.com app_be\n";
        }

        @Override
        public String appMap() {
            return "/web app_be\n";
        }

        @Override
        public void hup(Runnable reapply) {
            if (failHup.get()) {
                throw new IllegalStateException("Marathon is not reachable");
            }
            hups.incrementAndGet();
        }

        @Override
        public List<ConfigWarning> syncWarnings() {
            return List.of(new ConfigWarning("app /broken", 0, "HAPROXY_0_PORT: 'abc' is not a port; app skipped"));
        }

        @Override
        public SyncStatus lastSync() {
            return SyncStatus.failed(Instant.parse("2026-01-02T03:04:05Z"), Duration.ofMillis(1234), "HTTP 503 from Marathon");
        }
    }

    private final RecordingHooks hooks = new RecordingHooks();
    private AdminFixture fx;

    @BeforeAll
    void start() {
        fx = new AdminFixture(AdminOptions.DEFAULTS.withHooks(hooks));
        assertThat(fx.appTraffic(REQUESTS)).isEqualTo(REQUESTS);
    }

    @AfterAll
    void stop() {
        fx.close();
    }

    @Test
    void healthCheckAnswersWhileServing() {
        HttpResponse<String> r = fx.get(fx.statsUrl("/_haproxy_health_check"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Service ready.");
    }

    @Test
    void healthCheckAnswers503OnceDraining() {
        try (AdminService service = new AdminService(new RoutingTable(RoutingSnapshot.EMPTY),
                io.mlbj.core.balance.ServerStatus.ALL_UP, fx.lb.metrics(), AdminOptions.DEFAULTS)) {
            var request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/_haproxy_health_check");
            var ok = service.serve("health", request, null);
            assertThat(ok.status().code()).isEqualTo(200);
            ok.release();
            service.stopServing();
            var draining = service.serve("health", request, null);
            assertThat(draining.status().code()).isEqualTo(503);
            draining.release();
            assertThat(service.serve("no-such-service", request, null)).isNull();
        }
    }

    @Test
    void getconfigServesTheConfigText() {
        HttpResponse<String> r = fx.get(fx.statsUrl("/_haproxy_getconfig"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(r.body()).isEqualTo(fx.configText);
    }

    @Test
    void mapsComeFromTheHooks() {
        assertThat(fx.get(fx.statsUrl("/_haproxy_getvhostmap")).body()).isEqualTo("www.example.com app_be\n");
        assertThat(fx.get(fx.statsUrl("/_haproxy_getappmap")).body()).isEqualTo("/web app_be\n");
    }

    @Test
    void getpidsIsThisProcess() {
        HttpResponse<String> r = fx.get(fx.statsUrl("/_haproxy_getpids"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body().trim()).isEqualTo(Long.toString(ProcessHandle.current().pid()));
    }

    @Test
    void hupCallsTheHookAndAFailingHookAnswers500() {
        int before = hooks.hups.get();
        HttpResponse<String> r = fx.get(fx.statsUrl("/_mlb_signal/hup"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("Sent SIGHUP signal to marathon-lb");
        assertThat(hooks.hups.get()).isEqualTo(before + 1);
        hooks.failHup.set(true);
        try {
            HttpResponse<String> failed = fx.get(fx.statsUrl("/_mlb_signal/hup"));
            assertThat(failed.statusCode()).isEqualTo(500);
            assertThat(failed.body()).contains("Failed to send SIGHUP signal to marathon-lb", "Marathon is not reachable");
        } finally {
            hooks.failHup.set(false);
        }
    }

    @Test
    void usr1ByDefaultReappliesTheRouting() throws InterruptedException {
        CountDownLatch swapped = new CountDownLatch(1);
        fx.table.onSwap((prev, next) -> {
            if (prev == next) {
                swapped.countDown();
            }
        });
        HttpResponse<String> r = fx.get(fx.statsUrl("/_mlb_signal/usr1"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("Sent SIGUSR1 signal to marathon-lb");
        assertThat(swapped.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(fx.get(fx.statsUrl("/_haproxy_health_check")).statusCode()).isEqualTo(200);
    }

    @Test
    void signalsCanBeRestrictedToSourceNetworks() {
        try (AdminFixture closed = new AdminFixture(AdminOptions.DEFAULTS.withSignalSources(SourceNetworks.parse("10.0.0.0/8")));
                AdminFixture open = new AdminFixture(AdminOptions.DEFAULTS.withSignalSources(SourceNetworks.parse("127.0.0.0/8")))) {
            assertThat(closed.get(closed.statsUrl("/_mlb_signal/hup")).statusCode()).isEqualTo(403);
            assertThat(closed.get(closed.statsUrl("/_mlb_signal/usr1")).statusCode()).isEqualTo(403);
            // Only the signals are restricted.
            assertThat(closed.get(closed.statsUrl("/_haproxy_getpids")).statusCode()).isEqualTo(200);
            assertThat(open.get(open.statsUrl("/_mlb_signal/usr1")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void statsPageShowsProxiesServersSyncAndWarnings() {
        HttpResponse<String> r = fx.get(fx.statsUrl("/haproxy?stats"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(r.body()).contains("id=\"px-app_in\"", "id=\"px-app_be\"", "id=\"px-stats\"",
                "data-name=\"srv3\"", "MAINT", "HTTP 503 from Marathon", "1234 ms", "haproxy.cfg:", "id=\"latency\"",
                "app /broken:0", "app skipped");
        assertThat(fx.table.current().warnings()).isNotEmpty();
        assertThat(fx.get(fx.statsUrl("/haproxy?stats;refresh=7")).body()).contains("http-equiv=\"refresh\" content=\"7\"");
        assertThat(fx.get(fx.statsUrl("/haproxy?stats;up")).body()).doesNotContain("data-name=\"srv3\"").contains("data-name=\"srv1\"");
    }

    @Test
    void csvHasHaproxysColumnsAndTheCounters() {
        HttpResponse<String> r = fx.get(fx.statsUrl("/haproxy?stats;csv"));
        assertThat(r.statusCode()).isEqualTo(200);
        String[] lines = r.body().split("\n");
        String sampleHeader = AdminFixture.resource("haproxy_stats.csv").split("\n")[0];
        assertThat(lines[0]).isEqualTo(sampleHeader);
        List<String> columns = List.of(lines[0].substring(2).split(","));
        Map<String, Map<String, String>> rows = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String[] v = lines[i].split(",", -1);
            assertThat(v).as("line %s", lines[i]).hasSize(columns.size() + 1);
            assertThat(v[columns.size()]).isEmpty();
            Map<String, String> row = new HashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                row.put(columns.get(c), v[c]);
            }
            rows.put(v[0] + "/" + v[1], row);
        }
        Map<String, String> fe = rows.get("app_in/FRONTEND");
        assertThat(fe.get("status")).isEqualTo("OPEN");
        assertThat(fe.get("type")).isEqualTo("0");
        assertThat(fe.get("req_tot")).isEqualTo(Integer.toString(REQUESTS));
        assertThat(fe.get("hrsp_2xx")).isEqualTo(Integer.toString(REQUESTS));
        assertThat(Long.parseLong(fe.get("stot"))).isPositive();
        assertThat(Long.parseLong(fe.get("bin"))).isPositive();
        assertThat(Long.parseLong(fe.get("bout"))).isPositive();
        assertThat(fe.get("pid")).isEqualTo(Long.toString(ProcessHandle.current().pid()));

        Map<String, String> be = rows.get("app_be/BACKEND");
        assertThat(be.get("type")).isEqualTo("1");
        assertThat(be.get("status")).isEqualTo("UP");
        assertThat(be.get("stot")).isEqualTo(Integer.toString(REQUESTS));
        assertThat(be.get("hrsp_2xx")).isEqualTo(Integer.toString(REQUESTS));
        assertThat(be.get("scur")).isEqualTo("0");
        assertThat(Long.parseLong(be.get("econ"))).isPositive();
        assertThat(Long.parseLong(be.get("wretr"))).isPositive();
        assertThat(Long.parseLong(be.get("wredis"))).isPositive();
        assertThat(be.get("iid")).isEqualTo(rows.get("app_be/srv1").get("iid"));

        assertThat(rows.get("app_be/srv1").get("status")).isEqualTo("UP");
        assertThat(rows.get("app_be/srv2").get("status")).isEqualTo("no check");
        assertThat(rows.get("app_be/srv3").get("status")).isEqualTo("MAINT");
        assertThat(rows.get("app_be/srv1").get("type")).isEqualTo("2");
        assertThat(rows.get("app_be/srv2").get("sid")).isEqualTo("2");
        assertThat(rows.get("app_be/dead").get("stot")).isEqualTo("0");
        assertThat(Long.parseLong(rows.get("app_be/dead").get("econ"))).isGreaterThanOrEqualTo(4);
        long served = Long.parseLong(rows.get("app_be/srv1").get("stot")) + Long.parseLong(rows.get("app_be/srv2").get("stot"));
        assertThat(served).isEqualTo(REQUESTS);
        assertThat(rows.get("app_be/srv3").get("stot")).isEqualTo("0");
        assertThat(rows).containsKeys("stats/FRONTEND", "stats/BACKEND");
    }

    @Test
    void metricsHaveTheDocumentedNames() throws IOException, InterruptedException {
        // jvm_gc_pause_seconds exists once the JVM has collected at least once (Micrometer registers it then).
        System.gc();
        HttpResponse<String> r = fx.get(fx.statsUrl("/metrics"));
        for (int i = 0; i < 200 && !r.body().contains("jvm_gc_pause_seconds"); i++) {
            Thread.sleep(100);
            r = fx.get(fx.statsUrl("/metrics"));
        }
        assertThat(r.statusCode()).isEqualTo(200);
        // Kept for readers of docs/metrics.md: what a scrape looks like.
        Files.writeString(Path.of("target", "metrics-sample.txt"), r.body());
        Map<String, Double> samples = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (String line : r.body().split("\n")) {
            if (line.startsWith("# TYPE ")) {
                names.add(line.split(" ")[2]);
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        assertThat(names).contains(MetricsDocTest.documentedNames().toArray(String[]::new));
        assertThat(samples.get("lb_frontend_requests_total{frontend=\"app_in\"}")).isEqualTo(REQUESTS);
        assertThat(samples.get("lb_backend_responses_total{backend=\"app_be\",code=\"2xx\"}")).isEqualTo(REQUESTS);
        assertThat(samples.get("lb_backend_response_seconds_count{backend=\"app_be\"}")).isEqualTo(REQUESTS);
        // Cumulative buckets, every request in the last one, and a maximum within the last bucket bound.
        assertThat(samples.get("lb_backend_response_seconds_bucket{backend=\"app_be\",le=\"+Inf\"}")).isEqualTo(REQUESTS);
        assertThat(samples.get("lb_backend_response_seconds_bucket{backend=\"app_be\",le=\"30.0\"}")).isEqualTo(REQUESTS);
        assertThat(samples.get("lb_backend_response_seconds_max{backend=\"app_be\"}")).isPositive();
        // marathon-lb's default (http-server-close): every request is a new, timed connection.
        assertThat(samples.get("lb_backend_connect_seconds_count{backend=\"app_be\"}")).isEqualTo(REQUESTS);
        assertThat(samples.get("lb_server_connect_errors_total{backend=\"app_be\",server=\"dead\"}")).isGreaterThanOrEqualTo(4);
        assertThat(samples.get("lb_backend_redispatches_total{backend=\"app_be\"}")).isPositive();
        assertThat(samples.get("lb_frontend_sessions_active{frontend=\"stats\"}")).isGreaterThanOrEqualTo(1);
    }
}
