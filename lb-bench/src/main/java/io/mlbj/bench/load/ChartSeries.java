package io.mlbj.bench.load;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One line of a latency-percentile chart.
 *
 * @param name legend text
 * @param rate responses per second of the run
 * @param points (percentile, latency) points in increasing percentile order
 */
public record ChartSeries(String name, double rate, List<Point> points) {

    /** Checks the name and copies the points. */
    public ChartSeries {
        requireNonNull(name, "name");
        points = List.copyOf(requireNonNull(points, "points"));
    }

    /** The latency at the first point at or above {@code percentile}, or the last point's, or 0 when empty. */
    public double valueAt(double percentile) {
        for (Point p : points) {
            if (p.percentile() >= percentile) {
                return p.valueMs();
            }
        }
        return points.isEmpty() ? 0 : points.get(points.size() - 1).valueMs();
    }

    /**
     * One point of a percentile distribution.
     *
     * @param percentile 0..100
     * @param valueMs latency in milliseconds
     */
    public record Point(double percentile, double valueMs) {

        /** Checks the range of the percentile and the sign of the value. */
        public Point {
            if (!(percentile >= 0 && percentile <= 100)) {
                throw new IllegalArgumentException("percentile: " + percentile + " (expected: 0..100)");
            }
            if (!(valueMs >= 0)) {
                throw new IllegalArgumentException("valueMs: " + valueMs + " (expected: >= 0)");
            }
        }
    }
}
