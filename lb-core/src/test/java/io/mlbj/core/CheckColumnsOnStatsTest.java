package io.mlbj.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.demo.EchoBackend;
import io.mlbj.core.haproxy.MapFileReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stats CSV carries the health checker's status and last check result for each checked server. */
class CheckColumnsOnStatsTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static String csv(int port) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/haproxy?stats;csv"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The value of {@code column} in the row of {@code server}. */
    private static String cell(String csv, String server, String column) {
        List<String> lines = csv.lines().toList();
        List<String> header = Arrays.asList(lines.get(0).substring(2).split(",", -1));
        int i = header.indexOf(column);
        return lines.stream().map(l -> l.split(",", -1)).filter(c -> c.length > i && c[1].equals(server))
                .map(c -> c[i]).findFirst().orElse(null);
    }

    @Test
    void checkedServersShowTheirCheckResults() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (EchoBackend a = EchoBackend.start("a");
                LoadBalancer lb = LoadBalancer.start(LoadBalancerSettings.defaults().withIoThreads(1).withStatsPort(0))) {
            lb.apply("defaults\n  mode http\n  timeout connect 2s\n  timeout check 2s\n"
                    + "frontend web\n  bind 127.0.0.1:0\n  default_backend app\n"
                    + "backend app\n  server alive 127.0.0.1:" + a.port() + " check inter 200ms rise 1 fall 1\n"
                    + "  server gone 127.0.0.1:" + closed + " check inter 200ms rise 1 fall 1\n",
                    "checks.cfg", MapFileReader.NONE);
            int stats = lb.boundAddress(StatsListen.NAME).getPort();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            String text = csv(stats);
            while ((!"L4OK".equals(cell(text, "alive", "check_status"))
                    || !"L4CON".equals(cell(text, "gone", "check_status"))) && System.nanoTime() < deadline) {
                Thread.sleep(100);
                text = csv(stats);
            }
            assertThat(cell(text, "alive", "check_status")).isEqualTo("L4OK");
            assertThat(cell(text, "alive", "status")).startsWith("UP");
            assertThat(cell(text, "gone", "check_status")).isEqualTo("L4CON");
            assertThat(cell(text, "gone", "status")).startsWith("DOWN");
            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stats + "/metrics"))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics.lines().filter(l -> l.startsWith("lb_server_checks_total{"))
                    .filter(l -> l.contains("server=\"gone\"") && l.contains("result=\"failed\"")))
                    .as(metrics).isNotEmpty();
            assertThat(metrics.lines().filter(l -> l.startsWith("lb_server_checks_total{"))
                    .filter(l -> l.contains("server=\"alive\"") && l.contains("result=\"passed\"")))
                    .isNotEmpty();
        }
    }
}
