package io.mlbj.core.admin;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.balance.ServerStatus;
import io.mlbj.core.proxy.DeferredResponse;
import io.mlbj.core.proxy.LocalServices;
import io.mlbj.core.routing.ConfigWarning;
import io.mlbj.core.routing.RequestView;
import io.mlbj.core.routing.RoutingSnapshot;
import io.mlbj.core.routing.RoutingTable;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * marathon-lb's stats-port endpoints as {@link LocalServices}: {@code health} (monitor-uri), {@code stats}
 * (HTML, {@code ;csv}), {@code prometheus-exporter} ({@code /metrics}), and the Lua services {@code getconfig},
 * {@code getvhostmap}, {@code getappmap}, {@code getpids}, {@code signalmlbhup}, {@code signalmlbusr1}.
 */
public final class AdminService implements LocalServices, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AdminService.class);
    private static final String TEXT = "text/plain; charset=utf-8";
    /** HAProxy's monitor-uri answer. */
    private static final String SERVICE_READY = "<html><body><h1>200 OK</h1>\nService ready.\n</body></html>\n";

    private static final String SERVICE_STOPPING =
            "<html><body><h1>503 Service Unavailable</h1>\nShutting down.\n</body></html>\n";

    private volatile boolean serving = true;
    private final RoutingTable table;
    private final ServerStatus status;
    private final ServerCheckView checks;
    private final LbMetrics metrics;
    private final AdminOptions options;
    private final Instant started = Instant.now();
    private final ExecutorService reapplier = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lb-admin-reapply");
        t.setDaemon(true);
        return t;
    });

    // The stats page and CSV of a large config take tens of milliseconds: built here, not on the event loop.
    private final ExecutorService renderer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, RENDER_THREAD);
        t.setDaemon(true);
        return t;
    });

    /** The name of the thread that builds the stats page and CSV. */
    static final String RENDER_THREAD = "lb-admin-render";

    /** Services reading {@code table}, the server states of {@code status} and the meters of {@code metrics}. */
    public AdminService(RoutingTable table, ServerStatus status, LbMetrics metrics, AdminOptions options) {
        this(table, status, null, metrics, options);
    }

    /** Services as above, with the stats page's check columns from {@code checks} (null: none). */
    public AdminService(RoutingTable table, ServerStatus status, ServerCheckView checks, LbMetrics metrics,
            AdminOptions options) {
        this.checks = checks;
        this.table = requireNonNull(table, "table");
        this.status = requireNonNull(status, "status");
        this.metrics = requireNonNull(metrics, "metrics");
        this.options = requireNonNull(options, "options");
    }

    @Override
    public FullHttpResponse serve(String service, HttpRequest request, RequestView view) {
        return switch (service) {
            case "health" -> serving
                    ? answer(HttpResponseStatus.OK, "text/html", SERVICE_READY)
                    : answer(HttpResponseStatus.SERVICE_UNAVAILABLE, "text/html", SERVICE_STOPPING);
            case "getconfig" -> answer(HttpResponseStatus.OK, TEXT, table.current().configText());
            case "getvhostmap" -> answer(HttpResponseStatus.OK, TEXT, options.hooks().vhostMap());
            case "getappmap" -> answer(HttpResponseStatus.OK, TEXT, options.hooks().appMap());
            case "getpids" -> answer(HttpResponseStatus.OK, TEXT, ProcessHandle.current().pid() + "\n");
            case "signalmlbhup" -> signal("SIGHUP", view, true);
            case "signalmlbusr1" -> signal("SIGUSR1", view, false);
            case "stats" -> statsOffLoop(request.uri());
            case "prometheus-exporter" -> answer(HttpResponseStatus.OK,
                    "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
            default -> null;
        };
    }

    private FullHttpResponse signal(String name, RequestView view, boolean hup) {
        if (!options.signalSources().allows(view.clientAddress())) {
            return answer(HttpResponseStatus.FORBIDDEN, TEXT, "Signals are not allowed from this address.\n");
        }
        try {
            if (hup) {
                options.hooks().hup(this::reapply);
            } else {
                options.hooks().usr1(this::reapply);
            }
            return answer(HttpResponseStatus.OK, TEXT, "Sent " + name + " signal to marathon-lb");
        } catch (RuntimeException e) {
            log.warn("{} hook failed", name, e);
            return answer(HttpResponseStatus.INTERNAL_SERVER_ERROR, TEXT,
                    "Failed to send " + name + " signal to marathon-lb (" + e.getMessage() + ")");
        }
    }

    /** Re-publishes the routing in force, off the event loop (listeners that failed to bind are retried). */
    private void reapply() {
        try {
            reapplier.execute(() -> table.swap(table.current()));
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the proxy is shutting down", e);
        }
    }

    private FullHttpResponse statsOffLoop(String uri) {
        try {
            return new DeferredResponse(CompletableFuture.supplyAsync(() -> stats(uri), renderer));
        } catch (RejectedExecutionException e) {
            return answer(HttpResponseStatus.SERVICE_UNAVAILABLE, "text/html", SERVICE_STOPPING);
        }
    }

    private FullHttpResponse stats(String uri) {
        int semi = uri.indexOf(';');
        String base = semi < 0 ? uri : uri.substring(0, semi);
        boolean csv = false;
        boolean onlyUp = false;
        int refresh = 0;
        if (semi >= 0) {
            for (String opt : uri.substring(semi + 1).split(";")) {
                if (opt.equals("csv")) {
                    csv = true;
                } else if (opt.equals("up")) {
                    onlyUp = true;
                } else if (opt.startsWith("refresh=")) {
                    refresh = parseRefresh(opt.substring(8));
                }
            }
        }
        RoutingSnapshot snapshot = table.current();
        var rows = StatsRows.collect(snapshot, metrics.traffic(), status, checks);
        if (csv) {
            return answer(HttpResponseStatus.OK, TEXT, StatsCsv.render(rows));
        }
        List<ConfigWarning> warnings = new ArrayList<>(options.hooks().syncWarnings());
        warnings.addAll(snapshot.warnings());
        var extras = new StatsPage.Extras(options.hooks().lastSync(), warnings, started);
        return answer(HttpResponseStatus.OK, "text/html; charset=utf-8",
                StatsPage.render(rows, extras, onlyUp, refresh, base));
    }

    private static int parseRefresh(String s) {
        try {
            return Math.max(0, Math.min(3600, Integer.parseInt(s)));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static FullHttpResponse answer(HttpResponseStatus code, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, code, Unpooled.wrappedBuffer(bytes));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        return r;
    }

    /** From now on the health check answers 503 (the server is draining before it stops). */
    public void stopServing() {
        serving = false;
    }

    /** Stops the re-apply and render threads. */
    @Override
    public void close() {
        reapplier.shutdownNow();
        renderer.shutdownNow();
    }
}
