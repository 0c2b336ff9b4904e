package io.mlbj.bench.load;

import java.util.List;
import java.util.Locale;

/**
 * Renders latency-percentile series as one self-contained HTML page with an inline SVG chart, in the style
 * of HdrHistogram's plots: the x axis is logarithmic in 1/(1 - percentile), from 0 to 99.999 %.
 */
public final class LatencyChart {

    private static final String[] COLORS = {
        "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"};
    private static final String[] X_LABELS = {"0%", "90%", "99%", "99.9%", "99.99%", "99.999%"};
    /** The x axis ends at 99.999 %, five "nines". */
    private static final double X_DECADES = 5;
    private static final int WIDTH = 900;
    private static final int HEIGHT = 480;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;

    private LatencyChart() {
    }

    /** The HTML page: a title, the chart with one {@code <path class="series">} per series and a legend, and a table. */
    public static String html(String title, List<ChartSeries> series) {
        StringBuilder sb = new StringBuilder(16_384);
        sb.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").append(escape(title))
                .append("</title>\n<style>body{font-family:sans-serif;margin:20px}"
                        + "table{border-collapse:collapse}td,th{padding:3px 10px;text-align:right;"
                        + "border-bottom:1px solid #ddd}th:first-child,td:first-child{text-align:left}"
                        + "</style></head>\n<body>\n<h2>").append(escape(title)).append("</h2>\n");
        svg(sb, series);
        table(sb, series);
        sb.append("</body></html>\n");
        return sb.toString();
    }

    private static void svg(StringBuilder sb, List<ChartSeries> series) {
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        double maxValue = 0;
        for (ChartSeries s : series) {
            for (ChartSeries.Point p : s.points()) {
                maxValue = Math.max(maxValue, p.valueMs());
            }
        }
        double yMax = niceCeiling(maxValue);
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-size=\"12\">\n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.0f\" height=\"%.0f\" fill=\"#fafafa\" "
                + "stroke=\"#888\"/>\n", LEFT, TOP, plotW, plotH));
        for (int i = 0; i <= X_DECADES; i++) {
            double x = LEFT + plotW * i / X_DECADES;
            sb.append(line(x, TOP, x, TOP + plotH));
            sb.append(text(x, TOP + plotH + 16, "middle", X_LABELS[i]));
        }
        for (int i = 0; i <= 5; i++) {
            double y = TOP + plotH - plotH * i / 5;
            sb.append(line(LEFT, y, LEFT + plotW, y));
            sb.append(text(LEFT - 6, y + 4, "end", trim(yMax * i / 5)));
        }
        sb.append(text(LEFT + plotW / 2, HEIGHT - 10, "middle", "percentile"));
        sb.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%.1f\" text-anchor=\"middle\" "
                + "transform=\"rotate(-90 16 %.1f)\">latency (ms)</text>\n", TOP + plotH / 2, TOP + plotH / 2));
        for (int i = 0; i < series.size(); i++) {
            ChartSeries s = series.get(i);
            String color = COLORS[i % COLORS.length];
            sb.append("<path class=\"series\" fill=\"none\" stroke-width=\"2\" stroke=\"").append(color)
                    .append("\" d=\"");
            char op = 'M';
            for (ChartSeries.Point p : s.points()) {
                double x = LEFT + plotW * xPosition(p.percentile()) / X_DECADES;
                double y = TOP + plotH - (yMax == 0 ? 0 : plotH * p.valueMs() / yMax);
                sb.append(String.format(Locale.ROOT, "%c%.1f,%.1f ", op, x, y));
                op = 'L';
            }
            sb.append("\"><title>").append(escape(s.name())).append("</title></path>\n");
            double ly = TOP + 14 + 18 * i;
            sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"14\" height=\"4\" fill=\"%s\"/>",
                    LEFT + 12, ly - 6, color));
            sb.append(text(LEFT + 32, ly, "start", s.name()));
        }
        sb.append("</svg>\n");
    }

    /** Position on the x axis, in decades of 1/(1 - percentile), capped at the axis end. */
    static double xPosition(double percentile) {
        if (percentile >= 100) {
            return X_DECADES;
        }
        return Math.min(X_DECADES, Math.log10(100.0 / (100.0 - percentile)));
    }

    /** The smallest 1, 2 or 5 times a power of ten that is at least {@code value} (1 for 0). */
    static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static void table(StringBuilder sb, List<ChartSeries> series) {
        sb.append("<table>\n<tr><th>series</th><th>resp/s</th><th>p50 ms</th><th>p90 ms</th><th>p99 ms</th>"
                + "<th>p99.9 ms</th><th>max ms</th></tr>\n");
        for (ChartSeries s : series) {
            sb.append("<tr><td>").append(escape(s.name())).append("</td>");
            sb.append(String.format(Locale.ROOT, "<td>%.0f</td><td>%.3f</td><td>%.3f</td><td>%.3f</td><td>%.3f</td>"
                    + "<td>%.3f</td></tr>\n", s.rate(), s.valueAt(50), s.valueAt(90), s.valueAt(99),
                    s.valueAt(99.9), s.valueAt(100)));
        }
        sb.append("</table>\n");
    }

    private static String line(double x1, double y1, double x2, double y2) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>\n",
                x1, y1, x2, y2);
    }

    private static String text(double x, double y, String anchor, String content) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>\n",
                x, y, anchor, escape(content));
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.3g", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
