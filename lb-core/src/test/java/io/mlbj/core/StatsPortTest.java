package io.mlbj.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.demo.EchoBackend;
import io.mlbj.core.haproxy.MapFileReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code lb-core --stats-port}: marathon-lb's stats section added to a hand-written config. */
class StatsPortTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private EchoBackend a;
    private LoadBalancer lb;

    @BeforeEach
    void start() {
        a = EchoBackend.start("a");
    }

    @AfterEach
    void stop() {
        if (lb != null) {
            lb.close(Duration.ofSeconds(1));
        }
        a.close();
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void statsPortServesTheAdminEndpointsAndTheConfigStaysTheUsers() throws Exception {
        lb = LoadBalancer.start(LoadBalancerSettings.defaults().withIoThreads(1).withStatsPort(0));
        String config = LoadBalancerTest.config("", a);
        lb.apply(config, "haproxy.cfg", MapFileReader.NONE);
        int web = lb.boundAddress("web").getPort();
        int stats = lb.boundAddress(StatsListen.NAME).getPort();

        assertThat(get(web, "/x").statusCode()).isEqualTo(200);
        assertThat(get(stats, "/_haproxy_health_check").statusCode()).isEqualTo(200);
        HttpResponse<String> cfg = get(stats, "/_haproxy_getconfig");
        assertThat(cfg.statusCode()).isEqualTo(200);
        assertThat(cfg.body()).isEqualTo(config);
        HttpResponse<String> csv = get(stats, "/haproxy?stats;csv");
        assertThat(csv.body()).startsWith("# pxname,svname,").contains("app,a,");
        assertThat(get(stats, "/metrics").body()).contains("# TYPE");
    }

    @Test
    void aConfigWithItsOwnStatsSectionKeepsIt() throws Exception {
        lb = LoadBalancer.start(LoadBalancerSettings.defaults().withIoThreads(1).withStatsPort(0));
        String own = LoadBalancerTest.config("", a) + "listen stats\n  bind 127.0.0.1:0\n  mode http\n"
                + "  monitor-uri /alive\n";
        lb.apply(own, "haproxy.cfg", MapFileReader.NONE);
        int stats = lb.boundAddress(StatsListen.NAME).getPort();

        assertThat(get(stats, "/alive").statusCode()).isEqualTo(200);
        assertThat(lb.current().frontends()).filteredOn(f -> f.name().equals(StatsListen.NAME)).hasSize(1);
    }
}
