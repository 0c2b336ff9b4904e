package io.mlbj.core.admin;

import io.mlbj.core.LbServer;
import io.mlbj.core.LbServerOptions;
import io.mlbj.core.demo.EchoBackend;
import io.mlbj.core.haproxy.ConfigInterpreter;
import io.mlbj.core.haproxy.MapFileReader;
import io.mlbj.core.routing.BindAddress;
import io.mlbj.core.routing.RoutingSnapshot;
import io.mlbj.core.routing.RoutingTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A real LbServer serving marathon-lb's default {@code HAPROXY_HEAD} (the {@code listen stats} frontend,
 * rebound to 127.0.0.1:0) plus one HTTP app ({@code app_in} on 127.0.0.2:0, backend {@code app_be}) whose
 * servers are two echo backends (one checked), a disabled one and one on a refused port; one unknown
 * option gives a config warning.
 */
final class AdminFixture implements AutoCloseable {
    static final BindAddress STATS = new BindAddress("127.0.0.1", 0);
    static final BindAddress APP = new BindAddress("127.0.0.2", 0);

    final EchoBackend echo1 = EchoBackend.start("echo1");
    final EchoBackend echo2 = EchoBackend.start("echo2");
    final String configText;
    final RoutingTable table;
    final LbServer lb;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    AdminFixture(AdminOptions admin) {
        configText = resource("haproxy_head.cfg").replace("bind 0.0.0.0:9090", "bind 127.0.0.1:0") + "\n"
                + "frontend app_in\n"
                + "  bind 127.0.0.2:0\n"
                + "  mode http\n"
                + "  default_backend app_be\n"
                + "backend app_be\n"
                + "  balance roundrobin\n"
                + "  mode http\n"
                + "  option forwardfor\n"
                // Unknown to the interpreter: a warning with file:line for the stats page.
                + "  option no-such-option\n"
                + "  server srv1 127.0.0.1:" + echo1.port() + " check inter 60s\n"
                + "  server srv2 127.0.0.1:" + echo2.port() + " cookie s2\n"
                + "  server srv3 127.0.0.1:" + echo2.port() + " disabled\n"
                + "  server dead 127.0.0.1:1\n";
        RoutingSnapshot snapshot;
        try {
            snapshot = new ConfigInterpreter(MapFileReader.NONE, false).interpret(configText, "haproxy.cfg");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        table = new RoutingTable(snapshot);
        lb = new LbServer(table, LbServerOptions.defaults().withIoThreads(2).withAdmin(admin)).start();
    }

    static String resource(String name) {
        try (InputStream in = AdminFixture.class.getResourceAsStream("/admin/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int statsPort() {
        return lb.boundAddress(STATS).getPort();
    }

    int appPort() {
        return lb.boundAddress(APP).getPort();
    }

    String statsUrl(String path) {
        return "http://127.0.0.1:" + statsPort() + path;
    }

    HttpResponse<String> get(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends {@code n} GETs with a body-less request to the app frontend; returns how many got 200. */
    int appTraffic(int n) {
        int ok = 0;
        for (int i = 0; i < n; i++) {
            if (get("http://127.0.0.2:" + appPort() + "/hello/" + i).statusCode() == 200) {
                ok++;
            }
        }
        return ok;
    }

    @Override
    public void close() {
        lb.close(Duration.ofSeconds(1));
        echo1.close();
        echo2.close();
    }
}
