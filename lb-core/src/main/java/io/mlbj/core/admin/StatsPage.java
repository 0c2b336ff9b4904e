package io.mlbj.core.admin;

import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.mlbj.core.routing.ConfigWarning;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The HTML stats page in the spirit of HAProxy's: one table per proxy (FRONTEND, servers, BACKEND
 * lines with sessions, bytes, errors, warnings, responses and server state), then what HAProxy does not
 * show: the last Marathon sync, config warnings with {@code file:line} and a latency histogram per backend.
 */
public final class StatsPage {
    private static final String STYLE = "body{font-family:arial,helvetica,sans-serif;font-size:12px}"
            + "table{border-collapse:collapse;margin-bottom:12px}td,th{border:1px solid #999;padding:1px 4px;text-align:right}"
            + "th{background:#20a0ff;color:#fff}td.name{text-align:left}tr.frontend{background:#ffffa0}"
            + "tr.backend{background:#c0c0ff}tr.s-UP,tr.s-no-check{background:#c0ffc0}tr.s-DOWN{background:#ff9090}"
            + "tr.s-MAINT{background:#c07820}tr.s-DRAIN{background:#a0a0ff}tr.s-NOLB{background:#ffd090}"
            + "tr.server.bck.s-UP{background:#a0d0ff}caption{text-align:left;font-weight:bold}";

    private StatsPage() {}

    /** What the page shows besides the rows. */
    public record Extras(SyncStatus sync, List<ConfigWarning> warnings, Instant started) {}

    /**
     * The page for {@code rows}; {@code onlyUp} hides servers that are not up ({@code ;up}),
     * {@code refreshSeconds} &gt; 0 adds an auto-refresh, {@code baseUri} is the stats URI for the links.
     */
    public static String render(List<StatsRow> rows, Extras extras, boolean onlyUp, int refreshSeconds, String baseUri) {
        StringBuilder h = new StringBuilder(4096 + rows.size() * 600);
        h.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Statistics Report</title>");
        if (refreshSeconds > 0) {
            h.append("<meta http-equiv=\"refresh\" content=\"").append(refreshSeconds).append("\">");
        }
        h.append("<style>").append(STYLE).append("</style></head><body>\n<h1>Statistics Report for pid ")
                .append(ProcessHandle.current().pid()).append("</h1>\n<p id=\"info\">Uptime: ")
                .append(Duration.between(extras.started(), Instant.now()).toSeconds()).append(" s; now ")
                .append(Instant.now()).append(". ");
        String base = esc(baseUri);
        h.append("<a href=\"").append(base).append(onlyUp ? "" : ";up").append("\">")
                .append(onlyUp ? "Show all servers" : "Hide servers not up").append("</a> | ")
                .append("<a href=\"").append(base).append(";refresh=5\">Refresh every 5 s</a> | ")
                .append("<a href=\"").append(base).append(";norefresh\">No refresh</a> | ")
                .append("<a href=\"").append(base).append(";csv\">CSV export</a></p>\n");
        sync(h, extras.sync());
        warnings(h, extras.warnings());
        String proxy = null;
        for (StatsRow r : rows) {
            if (!r.proxy().equals(proxy)) {
                if (proxy != null) {
                    h.append("</table>\n");
                }
                proxy = r.proxy();
                tableHead(h, proxy);
            }
            if (onlyUp && r.type() == StatsRow.Type.SERVER && !r.status().equals("UP") && !r.status().equals("no check")) {
                continue;
            }
            row(h, r);
        }
        if (proxy != null) {
            h.append("</table>\n");
        }
        latency(h, rows);
        return h.append("</body></html>\n").toString();
    }

    private static void sync(StringBuilder h, SyncStatus s) {
        h.append("<h2>Last Marathon sync</h2>\n<table id=\"sync\"><tr><th>Time</th><th>Result</th><th>Duration</th>"
                + "<th>Error</th></tr><tr>");
        if (s.time() == null) {
            h.append("<td class=\"name\" colspan=\"4\">none yet</td>");
        } else {
            h.append("<td class=\"name\">").append(s.time()).append("</td><td class=\"name\">")
                    .append(s.ok() ? "OK" : "FAILED").append("</td><td>").append(s.duration().toMillis())
                    .append(" ms</td><td class=\"name\">").append(esc(s.error() == null ? "" : s.error())).append("</td>");
        }
        h.append("</tr></table>\n");
    }

    private static void warnings(StringBuilder h, List<ConfigWarning> warnings) {
        h.append("<h2>Config warnings (").append(warnings.size()).append(")</h2>\n<table id=\"warnings\">"
                + "<tr><th>Where</th><th>Warning</th></tr>");
        for (ConfigWarning w : warnings) {
            h.append("<tr><td class=\"name\">").append(esc(w.file() + ":" + w.line())).append("</td><td class=\"name\">")
                    .append(esc(w.message())).append("</td></tr>");
        }
        h.append("</table>\n");
    }

    private static void tableHead(StringBuilder h, String proxy) {
        h.append("<table class=\"proxy\" id=\"px-").append(esc(proxy)).append("\"><caption>").append(esc(proxy))
                .append("</caption>\n<tr><th rowspan=\"2\">Name</th><th colspan=\"2\">Queue</th>"
                        + "<th colspan=\"2\">Session rate</th><th colspan=\"4\">Sessions</th><th colspan=\"2\">Bytes</th>"
                        + "<th colspan=\"3\">Errors</th><th colspan=\"2\">Warnings</th><th colspan=\"6\">Responses</th>"
                        + "<th colspan=\"7\">Server</th></tr>\n<tr><th>Cur</th><th>Max</th><th>Cur</th><th>Max</th>"
                        + "<th>Cur</th><th>Max</th><th>Limit</th><th>Total</th><th>In</th><th>Out</th><th>Req</th>"
                        + "<th>Conn</th><th>Resp</th><th>Retr</th><th>Redis</th><th>1xx</th><th>2xx</th><th>3xx</th>"
                        + "<th>4xx</th><th>5xx</th><th>other</th><th>Status</th><th>LastChk</th><th>Wght</th>"
                        + "<th>Cookie</th><th>Act</th><th>Bck</th><th>Conn</th></tr>\n");
    }

    private static void row(StringBuilder h, StatsRow r) {
        ProxyCounters c = r.counters();
        String kind = r.type().name().toLowerCase();
        boolean backupServer = r.type() == StatsRow.Type.SERVER && r.backupServers() > 0;
        h.append("<tr class=\"").append(kind).append(backupServer ? " bck" : "")
                .append(" s-").append(r.status().replace(' ', '-'))
                .append("\" data-name=\"").append(esc(r.name())).append("\"><td class=\"name\">").append(esc(r.name()))
                .append("</td>");
        boolean fe = r.type() == StatsRow.Type.FRONTEND;
        cells(h, fe ? "" : "0", fe ? "" : "0");
        cells(h, n(c == null ? 0 : c.sessionRate()), n(c == null ? 0 : c.sessionRateMax()));
        cells(h, n(c == null ? 0 : c.sessionsCurrent()), n(c == null ? 0 : c.sessionsMax()),
                r.limit() > 0 ? n(r.limit()) : "", n(c == null ? 0 : c.sessionsTotal()));
        cells(h, n(c == null ? 0 : c.bytesIn()), n(c == null ? 0 : c.bytesOut()));
        cells(h, fe ? n(c == null ? 0 : c.requestErrors()) : "", fe ? "" : n(c == null ? 0 : c.connectErrors()),
                fe ? "" : n(c == null ? 0 : c.responseErrors()));
        cells(h, fe ? "" : n(c == null ? 0 : c.retries()), fe ? "" : n(c == null ? 0 : c.redispatches()));
        for (int i = 0; i < ProxyCounters.RESPONSE_CLASSES.length; i++) {
            cells(h, n(c == null ? 0 : c.responses(i)));
        }
        h.append("<td class=\"status\">").append(esc(r.status()));
        if (r.lastChange() >= 0) {
            h.append(" ").append(r.lastChange()).append("s");
        }
        h.append("</td>");
        boolean server = r.type() == StatsRow.Type.SERVER;
        cells(h, server && r.lastCheck() != null ? esc(r.lastCheck()) : "", fe ? "" : n(r.weight()),
                r.cookie() == null ? "" : esc(r.cookie()), fe ? "" : n(r.activeServers()),
                fe ? "" : n(r.backupServers()), fe ? "" : n(r.active()));
        h.append("</tr>\n");
    }

    private static void latency(StringBuilder h, List<StatsRow> rows) {
        h.append("<h2>Latency per backend (time to the response head)</h2>\n<table id=\"latency\"><tr><th>Backend</th>");
        for (Duration d : TrafficStats.LATENCY_BUCKETS) {
            h.append("<th>&le; ").append(d.toMillis() >= 1000 ? d.toMillis() / 1000.0 + " s" : d.toMillis() + " ms")
                    .append("</th>");
        }
        h.append("<th>more</th><th>Count</th><th>Mean</th><th>Max</th></tr>\n");
        for (StatsRow r : rows) {
            if (r.type() != StatsRow.Type.BACKEND || r.backend() == null) {
                continue;
            }
            HistogramSnapshot s = r.backend().responseTime().takeSnapshot();
            h.append("<tr class=\"latency\" data-name=\"").append(esc(r.proxy())).append("\"><td class=\"name\">")
                    .append(esc(r.proxy())).append("</td>");
            double below = 0;
            for (CountAtBucket b : s.histogramCounts()) {
                // Micrometer's counts are cumulative; the page shows each bucket's own count.
                h.append("<td>").append(Math.round(b.count() - below)).append("</td>");
                below = b.count();
            }
            h.append("<td>").append(Math.round(s.count() - below)).append("</td><td>").append(s.count())
                    .append("</td><td>").append(String.format("%.1f ms", s.mean(TimeUnit.MILLISECONDS)))
                    .append("</td><td>").append(String.format("%.1f ms", s.max(TimeUnit.MILLISECONDS))).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void cells(StringBuilder h, String... values) {
        for (String v : values) {
            h.append("<td>").append(v).append("</td>");
        }
    }

    private static String n(long v) {
        return Long.toString(v);
    }

    /** HTML-escapes text from the config (names, messages). */
    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}
