package io.mlbj.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.balance.ServerStatus;
import io.mlbj.core.proxy.DeferredResponse;
import io.mlbj.core.routing.Server;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The stats page and CSV are built on the admin's render thread and written back in request order. */
class StatsOffLoopTest {

    @Test
    void statsAreRenderedOnTheAdminThreadNotTheCaller() throws Exception {
        try (AdminFixture fx = new AdminFixture(AdminOptions.DEFAULTS)) {
            Set<String> renderThreads = ConcurrentHashMap.newKeySet();
            ServerCheckView recording = new ServerCheckView() {
                @Override
                public String lastCheck(String backend, Server server) {
                    renderThreads.add(Thread.currentThread().getName());
                    return "L4OK";
                }

                @Override
                public long secondsSinceChange(String backend, Server server) {
                    return 1;
                }
            };
            try (AdminService service = new AdminService(fx.table, ServerStatus.ALL_UP, recording, fx.lb.metrics(),
                    AdminOptions.DEFAULTS)) {
                var request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/haproxy?stats;csv");
                FullHttpResponse placeholder = service.serve("stats", request, null);
                assertThat(placeholder).isInstanceOf(DeferredResponse.class);
                FullHttpResponse csv = ((DeferredResponse) placeholder).answer().toCompletableFuture()
                        .get(30, TimeUnit.SECONDS);
                try {
                    assertThat(csv.status().code()).isEqualTo(200);
                    assertThat(csv.content().toString(StandardCharsets.UTF_8)).startsWith("# pxname,svname,")
                            .contains("app_be,srv1,");
                } finally {
                    csv.release();
                }
                assertThat(renderThreads).containsExactly(AdminService.RENDER_THREAD);
            }
        }
    }

    @Test
    void pipelinedRequestsAfterAStatsPageAreAnsweredInOrder() throws Exception {
        try (AdminFixture fx = new AdminFixture(AdminOptions.DEFAULTS);
                Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", fx.statsPort()), 10_000);
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET /haproxy?stats;csv HTTP/1.1\r\nHost: a\r\n\r\n"
                    + "GET /haproxy?stats HTTP/1.1\r\nHost: a\r\n\r\n"
                    + "GET /_haproxy_health_check HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String all = readAll(s.getInputStream());
            int csv = all.indexOf("# pxname,svname,");
            int html = all.indexOf("<html");
            int ready = all.indexOf("Service ready.");
            assertThat(csv).as("CSV answer").isPositive();
            assertThat(html).as("HTML answer after the CSV").isGreaterThan(csv);
            assertThat(ready).as("monitor-uri answer last").isGreaterThan(html);
            assertThat(all.split("HTTP/1.1 200 OK", -1)).hasSize(4);
        }
    }

    private static String readAll(InputStream in) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        in.transferTo(buf);
        return buf.toString(StandardCharsets.ISO_8859_1);
    }
}
