package io.mlbj.bench.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/** Writes a {@link LoadResult} as JSON and reads the chart series back from such files. */
public final class ResultJson {

    /** Value of the {@code format} field; files without it are refused by {@link #readSeries}. */
    public static final String FORMAT = "mlbj-load-result/1";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Percentile steps per halving of the remaining distance to 100 %, as in HdrHistogram's own output. */
    private static final int TICKS_PER_HALF_DISTANCE = 5;

    private ResultJson() {
    }

    /** The JSON tree of {@code result}: config, counts, rate, percentiles, error kinds and the distribution. */
    public static ObjectNode toJson(LoadResult result) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("label", result.config().label());
        root.put("startedAt", result.startedAt().toString());
        root.set("config", config(result.config(), result.transport()));
        root.put("measuredSeconds", result.measuredSeconds());
        ObjectNode counts = root.putObject("counts");
        counts.put("requests", result.requests());
        counts.put("responses", result.responses());
        counts.put("ok", result.ok());
        counts.put("errors", result.errors());
        counts.put("bytes", result.bytes());
        ObjectNode rate = root.putObject("rate");
        rate.put("responsesPerSecond", result.responsesPerSecond());
        rate.put("bytesPerSecond", result.measuredSeconds() > 0 ? result.bytes() / result.measuredSeconds() : 0);
        rate.put("toolCpuMicrosPerResponse", result.cpuMicrosPerResponse());
        root.set("latencyMs", percentiles(result.latency()));
        root.set("uncorrectedLatencyMs", percentiles(result.uncorrectedLatency()));
        ObjectNode errors = root.putObject("errors");
        result.errorKinds().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> errors.put(e.getKey(), e.getValue()));
        ObjectNode sticky = root.putObject("sticky");
        sticky.put("checked", result.config().stickyCheck());
        sticky.put("header", result.config().serverHeader());
        sticky.put("switches", result.stickySwitches());
        sticky.put("missing", result.stickyMissing());
        root.set("distribution", distribution(result.latency()));
        root.set("uncorrectedDistribution", distribution(result.uncorrectedLatency()));
        return root;
    }

    /** Writes {@code result} to {@code file}. */
    public static void write(LoadResult result, Path file) throws IOException {
        MAPPER.writeValue(file.toFile(), toJson(result));
    }

    private static ObjectNode config(LoadConfig c, String transport) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("url", c.url().toString());
        n.put("mode", c.openLoop() ? "open" : "closed");
        n.put("connections", c.connections());
        n.put("threads", c.threads());
        n.put("rate", c.rate());
        n.put("durationSeconds", c.duration() == null ? 0 : c.duration().toMillis() / 1000.0);
        n.put("requests", c.requests());
        n.put("warmupSeconds", c.warmup().toMillis() / 1000.0);
        n.put("timeoutSeconds", c.timeout().toMillis() / 1000.0);
        n.put("method", c.method());
        n.put("bodySize", c.bodySize());
        ArrayNode headers = n.putArray("headers");
        c.headers().forEach(headers::add);
        n.put("cookies", c.cookies());
        n.put("stickyCheck", c.stickyCheck());
        n.put("serverHeader", c.serverHeader());
        n.put("newConnectionPerRequest", c.newConnectionPerRequest());
        n.put("connectTo", c.connectTo());
        n.put("transport", transport);
        return n;
    }

    private static ObjectNode percentiles(Histogram h) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("count", h.getTotalCount());
        n.put("mean", h.getTotalCount() == 0 ? 0 : h.getMean() / 1000.0);
        n.put("p50", ms(h, 50));
        n.put("p90", ms(h, 90));
        n.put("p99", ms(h, 99));
        n.put("p99_9", ms(h, 99.9));
        n.put("p99_99", ms(h, 99.99));
        n.put("max", h.getTotalCount() == 0 ? 0 : h.getMaxValue() / 1000.0);
        return n;
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
    }

    private static ArrayNode distribution(Histogram h) {
        ArrayNode out = MAPPER.createArrayNode();
        if (h.getTotalCount() == 0) {
            return out;
        }
        for (HistogramIterationValue v : h.percentiles(TICKS_PER_HALF_DISTANCE)) {
            ObjectNode p = out.addObject();
            p.put("percentile", v.getPercentileLevelIteratedTo());
            p.put("valueMs", h.highestEquivalentValue(v.getValueIteratedTo()) / 1000.0);
            p.put("count", v.getTotalCountToThisValue());
        }
        return out;
    }

    /** The chart series held by a result tree; {@code fallbackName} is used when it has no label. */
    static ChartSeries readSeriesFrom(JsonNode root, String fallbackName) {
        List<ChartSeries.Point> points = new ArrayList<>();
        for (JsonNode p : root.path("distribution")) {
            points.add(new ChartSeries.Point(p.path("percentile").asDouble(), p.path("valueMs").asDouble()));
        }
        String label = root.path("label").asText("");
        String name = label.isEmpty() ? fallbackName : label;
        return new ChartSeries(name, root.path("rate").path("responsesPerSecond").asDouble(), points);
    }

    /**
     * Reads the latency distribution of a result file as a chart series named by its label.
     *
     * @throws IOException when the file cannot be read or is not a result of this tool (the message names the file)
     */
    public static ChartSeries readSeries(Path file) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IOException(file + ": cannot read: " + e, e);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IOException(file + ": not a load-tool result (expected \"format\": \"" + FORMAT + "\")");
        }
        try {
            return readSeriesFrom(root, file.getFileName().toString());
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": bad distribution: " + e.getMessage(), e);
        }
    }
}
