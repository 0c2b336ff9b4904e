package io.mlbj.bench.load;

import java.io.PrintWriter;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The {@code run} subcommand: one load test against one URL, with a summary and optional JSON/HTML reports. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Send HTTP(S) load to one URL (loopback only unless --allow-remote).")
final class RunCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-u", "--url"}, required = true, description = "Target URL, http:// or https://.")
    private URI url;

    @Option(names = {"-c", "--connections"}, defaultValue = "10",
            description = "Virtual users, one connection each (default: ${DEFAULT-VALUE}).")
    private int connections;

    @Option(names = {"-t", "--threads"}, defaultValue = "1", description = "Event loop threads (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = {"-R", "--rate"}, defaultValue = "0",
            description = "Open loop at this many requests/s in total (latency from the intended send time); "
                    + "0 = closed loop (default).")
    private double rate;

    @Option(names = {"-d", "--duration"}, converter = DurationConverter.class,
            description = "Measured period after the warm-up, e.g. 10s, 500ms, 2m (default: 10s unless --requests).")
    private Duration duration;

    @Option(names = {"-n", "--requests"}, defaultValue = "0", description = "Measured requests to send (0 = no limit).")
    private long requests;

    @Option(names = "--warmup", defaultValue = "0s", converter = DurationConverter.class,
            description = "Warm-up before measuring; its requests are not recorded (default: ${DEFAULT-VALUE}).")
    private Duration warmup;

    @Option(names = "--timeout", defaultValue = "10s", converter = DurationConverter.class,
            description = "Connect and per-request timeout (default: ${DEFAULT-VALUE}).")
    private Duration timeout;

    @Option(names = {"-m", "--method"}, defaultValue = "GET", description = "Request method (default: ${DEFAULT-VALUE}).")
    private String method;

    @Option(names = "--body-size", defaultValue = "0", description = "Request body size in bytes (default: 0).")
    private int bodySize;

    @Option(names = {"-H", "--header"}, description = "Extra request header 'Name: value' (repeatable).")
    private List<String> headers = new ArrayList<>();

    @Option(names = "--cookies", description = "Give each virtual user a cookie jar (Set-Cookie in, Cookie out).")
    private boolean cookies;

    @Option(names = "--sticky-check",
            description = "Count how often the --server-header value changes within one user's session.")
    private boolean stickyCheck;

    @Option(names = "--server-header", defaultValue = "X-Server",
            description = "Response header naming the server that answered (default: ${DEFAULT-VALUE}).")
    private String serverHeader;

    @Option(names = "--new-connection-per-request", description = "Open a new connection for every request.")
    private boolean newConnectionPerRequest;

    @Option(names = "--allow-remote", description = "Allow targets other than loopback.")
    private boolean allowRemote;

    @Option(names = "--connect-to", description = "Connect to this address instead of the URL's host, which is "
            + "still sent as Host and SNI (e.g. --url https://app.example.com/ --connect-to 127.0.0.1).")
    private String connectTo;

    @Option(names = "--label", description = "Series name in reports (default: the URL).")
    private String label;

    @Option(names = "--json", description = "Write the result as JSON to this file.")
    private Path json;

    @Option(names = "--html", description = "Write a latency-percentile chart (HTML with inline SVG) to this file.")
    private Path html;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        LoadConfig config;
        try {
            Duration effectiveDuration = duration == null && requests == 0 ? Duration.ofSeconds(10) : duration;
            config = new LoadConfig(url, label == null ? url.toString() : label, connections, threads, rate,
                    effectiveDuration, requests, warmup, timeout, method.toUpperCase(Locale.ROOT), bodySize, headers,
                    cookies, stickyCheck, serverHeader, newConnectionPerRequest, allowRemote, connectTo);
        } catch (IllegalArgumentException e) {
            err.println("load-tool run: " + e.getMessage());
            return 2;
        }
        String refusal = TargetGuard.refusal(config.connectHost(), config.allowRemote());
        if (refusal != null) {
            err.println("load-tool run: " + refusal);
            return 2;
        }
        LoadResult result;
        try {
            result = LoadRun.execute(config, System.err);
        } catch (UnknownHostException e) {
            err.println("load-tool run: unknown host: " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("load-tool run: " + e.getMessage());
            return 2;
        }
        printSummary(out, result);
        if (json != null) {
            ResultJson.write(result, json);
            out.println("wrote " + json);
        }
        if (html != null) {
            ChartSeries series = ResultJson.readSeriesFrom(ResultJson.toJson(result), config.label());
            Files.writeString(html, LatencyChart.html("Latency by percentile", List.of(series)), StandardCharsets.UTF_8);
            out.println("wrote " + html);
        }
        out.flush();
        return 0;
    }

    private static void printSummary(PrintWriter out, LoadResult r) {
        LoadConfig c = r.config();
        out.printf(Locale.ROOT, "target %s  %s, %d connections, %d thread(s), %s%n", c.url(),
                c.openLoop() ? "open loop at " + c.rate() + " req/s" : "closed loop", c.connections(), c.threads(),
                r.transport());
        out.printf(Locale.ROOT, "measured %.2f s: %d requests, %d responses (%d 2xx), %.1f resp/s, %.2f MB/s%n",
                r.measuredSeconds(), r.requests(), r.responses(), r.ok(), r.responsesPerSecond(),
                r.bytes() / r.measuredSeconds() / 1e6);
        if (c.openLoop() && r.responsesPerSecond() < 0.95 * c.rate()) {
            out.printf(Locale.ROOT, "note: the target rate of %.1f req/s was not reached (%.1f resp/s); "
                    + "latencies from the intended send time include the backlog%n", c.rate(), r.responsesPerSecond());
        }
        out.println("latency ms" + (c.openLoop() ? " (from intended send time)" : "") + ": "
                + percentiles(r.latency()));
        if (c.openLoop()) {
            out.println("uncorrected latency ms (from actual send time): " + percentiles(r.uncorrectedLatency()));
        }
        StringBuilder errors = new StringBuilder();
        for (Map.Entry<String, Long> e : new TreeMap<>(r.errorKinds()).entrySet()) {
            errors.append(' ').append(e.getKey()).append('=').append(e.getValue());
        }
        out.println("errors: " + (errors.length() == 0 ? "none" : r.errors() + " (" + errors.toString().trim() + ")"));
        if (r.cpuMicrosPerResponse() >= 0) {
            out.printf(Locale.ROOT, "tool cpu: %.1f us per response (this process, after the warm-up)%n",
                    r.cpuMicrosPerResponse());
        }
        if (c.stickyCheck()) {
            out.printf(Locale.ROOT, "sticky: %d switches of %s within a session, %d responses without it%n",
                    r.stickySwitches(), c.serverHeader(), r.stickyMissing());
        }
    }

    private static String percentiles(Histogram h) {
        if (h.getTotalCount() == 0) {
            return "no responses";
        }
        return String.format(Locale.ROOT, "p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f",
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0);
    }
}
