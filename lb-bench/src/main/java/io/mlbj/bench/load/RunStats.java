package io.mlbj.bench.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** Counters and latency recorders written by the event loops and read by the reporting thread. */
final class RunStats {

    /** Largest latency recorded, in microseconds (one hour); larger values are clamped. */
    static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);
    /** Significant digits kept by every histogram. */
    static final int DIGITS = 3;

    private final Recorder corrected = new Recorder(1, HIGHEST_MICROS, DIGITS);
    private final Recorder uncorrected = new Recorder(1, HIGHEST_MICROS, DIGITS);
    final LongAdder requests = new LongAdder();
    final LongAdder responses = new LongAdder();
    final LongAdder ok = new LongAdder();
    final LongAdder bytes = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder warmupResponses = new LongAdder();
    final LongAdder stickySwitches = new LongAdder();
    final LongAdder stickyMissing = new LongAdder();
    private final Map<String, LongAdder> errorKinds = new ConcurrentHashMap<>();

    /**
     * Records one measured response.
     *
     * @param fromIntendedNanos latency from the intended send time (corrected for coordinated omission)
     * @param fromSentNanos latency from the moment the request was actually started
     */
    void recordResponse(long fromIntendedNanos, long fromSentNanos, int status, long responseBytes) {
        corrected.recordValue(micros(fromIntendedNanos));
        uncorrected.recordValue(micros(fromSentNanos));
        responses.increment();
        bytes.add(responseBytes);
        if (status >= 200 && status < 300) {
            ok.increment();
        } else {
            recordError(ErrorKind.status(status));
        }
    }

    /** Counts one measured failure of the given kind. */
    void recordError(String kind) {
        errors.increment();
        errorKinds.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    private static long micros(long nanos) {
        return Math.min(HIGHEST_MICROS, Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos)));
    }

    /** Moves the latencies recorded since the last call into the two (reset) interval histograms. */
    void drainInto(Histogram correctedInterval, Histogram uncorrectedInterval) {
        correctedInterval.reset();
        uncorrectedInterval.reset();
        corrected.getIntervalHistogramInto(correctedInterval);
        uncorrected.getIntervalHistogramInto(uncorrectedInterval);
    }

    /** A new, empty histogram with the recorders' range and precision. */
    static Histogram newHistogram() {
        return new Histogram(1, HIGHEST_MICROS, DIGITS);
    }

    /** A sorted snapshot of the error counts by kind. */
    Map<String, Long> errorKinds() {
        Map<String, Long> out = new TreeMap<>();
        errorKinds.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
