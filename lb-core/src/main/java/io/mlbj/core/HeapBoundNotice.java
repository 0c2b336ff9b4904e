package io.mlbj.core;

import static java.util.Objects.requireNonNull;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * The start-up line that says whether the JVM runs with a bounded heap: {@code java -jar} cannot carry JVM
 * flags, and with the JVM's default (a quarter of the machine's memory) the heap grows far past what the
 * proxy needs before it is collected, which shows as a large resident size.
 */
public final class HeapBoundNotice {
    /** The heap bound the container entrypoint ({@code docker/run}) and {@code lb-bench/compare.sh} apply. */
    public static final String DEFAULT_FLAGS = "-Xmx128m -XX:+UseSerialGC";

    // Above this maximum heap the resident size can exceed 256 MiB under load (heap plus about 70 MiB of
    // JVM memory outside it: classes, compiled code, threads).
    private static final long LARGEST_QUIET_MAX_HEAP = 192L << 20;

    private HeapBoundNotice() {}

    /**
     * The advice for a JVM started with {@code jvmArguments} and a maximum heap of {@code maxHeapBytes}:
     * empty when a heap bound was given or the heap is small anyway.
     */
    public static Optional<String> advice(List<String> jvmArguments, long maxHeapBytes) {
        requireNonNull(jvmArguments, "jvmArguments");
        for (String argument : jvmArguments) {
            if (argument.startsWith("-Xmx") || argument.startsWith("-XX:MaxHeapSize=")
                    || argument.startsWith("-XX:MaxRAMPercentage=") || argument.startsWith("-XX:MaxRAM=")) {
                return Optional.empty();
            }
        }
        if (maxHeapBytes <= LARGEST_QUIET_MAX_HEAP) {
            return Optional.empty();
        }
        return Optional.of("JVM started without a heap bound: maximum heap " + (maxHeapBytes >> 20)
                + " MiB, so the resident size may grow past 256 MiB under load; start it with " + DEFAULT_FLAGS
                + " (as docker/run does), e.g. JDK_JAVA_OPTIONS=\"" + DEFAULT_FLAGS + "\"");
    }

    /** Logs {@link #advice} for this JVM at INFO, or nothing when its heap is bounded. */
    public static void logFor(Logger log) {
        advice(ManagementFactory.getRuntimeMXBean().getInputArguments(), Runtime.getRuntime().maxMemory())
                .ifPresent(log::info);
    }
}
