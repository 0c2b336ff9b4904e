package io.mlbj.marathon.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.marathon.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stats port of the rendered config answers with the daemon's state: config, maps, sync, signals, metrics. */
class DaemonAdminEndpointsTest {
    private final DaemonHarness h = new DaemonHarness();

    @AfterEach
    void close() {
        h.close();
    }

    private String statsUrl(String path) {
        Integer port = Await.value("the stats listener", () -> {
            var bound = h.runtime.loadBalancer().boundAddress("stats");
            return bound == null ? null : bound.getPort();
        });
        return "http://127.0.0.1:" + port + path;
    }

    @Test
    void adminEndpointsShowTheDaemonsConfigSyncAndMetricsAndHupResyncs() {
        h.startDaemon("--marathon", h.emulator.url(), "--sse", "--haproxy-map");
        h.emulator.createApp(DaemonHarness.app("/web", 1, 2, "HAPROXY_0_VHOST", "web.example.test"));
        h.awaitAcceptedSyncs(1);
        Await.until("the app is in the live app map", () -> h.daemon.appMap().contains("/web"));

        DaemonHarness.Answer config = DaemonHarness.get(statsUrl("/_haproxy_getconfig"));
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.body()).isEqualTo(h.runtime.loadBalancer().current().configText());
        assertThat(DaemonHarness.get(statsUrl("/_haproxy_getvhostmap")).body()).isEqualTo(h.daemon.vhostMap());
        DaemonHarness.Answer appMap = DaemonHarness.get(statsUrl("/_haproxy_getappmap"));
        assertThat(appMap.body()).isEqualTo(h.daemon.appMap()).contains("/web");
        assertThat(DaemonHarness.get(statsUrl("/_haproxy_health_check")).status()).isEqualTo(200);

        long fetches = h.daemon.sourceStatus().fetches();
        DaemonHarness.Answer hup = DaemonHarness.get(statsUrl("/_mlb_signal/hup"));
        assertThat(hup.status()).isEqualTo(200);
        Await.until("the HUP re-sync fetched the apps", () -> h.daemon.sourceStatus().fetches() > fetches);

        DaemonHarness.Answer page = DaemonHarness.get(statsUrl("/haproxy?stats"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("web_0", "Marathon");
        String metrics = DaemonHarness.get(statsUrl("/metrics")).body();
        assertThat(metrics).contains("lb_marathon_syncs_total{result=\"ok\"}");
    }

    @Test
    void signalEndpointsCanBeRestrictedToSourceNetworks() {
        h.startDaemon("--marathon", h.emulator.url(), "--sse", "--signal-sources", "10.0.0.0/8");
        h.awaitAcceptedSyncs(1);

        assertThat(DaemonHarness.get(statsUrl("/_mlb_signal/hup")).status()).isEqualTo(403);
        assertThat(DaemonHarness.get(statsUrl("/_haproxy_getconfig")).status()).isEqualTo(200);
    }
}
