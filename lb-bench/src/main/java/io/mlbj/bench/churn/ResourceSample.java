package io.mlbj.bench.churn;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Memory and threads of the load balancer at one moment of a run.
 *
 * @param at when ({@code start}, {@code middle}, {@code end}, {@code after})
 * @param heapAfterGcBytes heap in use right after a full GC, or -1 when not measured (another process)
 * @param rssBytes resident set size from {@code /proc}, or -1 when unknown
 * @param threads live threads
 */
public record ResourceSample(String at, long heapAfterGcBytes, long rssBytes, int threads) {

    public ResourceSample {
        requireNonNull(at, "at");
    }

    /** This JVM: heap after {@code System.gc()}, RSS and live threads. */
    public static ResourceSample ofThisJvm(String at) {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        return new ResourceSample(at, heap, statusField(Path.of("/proc/self/status"), "VmRSS:") * 1024, threads);
    }

    /** Processes by pid (e.g. HAProxy's master and workers): summed RSS and threads. */
    public static ResourceSample ofProcesses(String at, Iterable<Long> pids) {
        long rss = 0;
        int threads = 0;
        for (long pid : pids) {
            Path status = Path.of("/proc", Long.toString(pid), "status");
            rss += Math.max(0, statusField(status, "VmRSS:")) * 1024;
            threads += (int) Math.max(0, statusField(status, "Threads:"));
        }
        return new ResourceSample(at, -1, rss, threads);
    }

    /** A numeric field of a {@code /proc/<pid>/status} file (kB for sizes), or -1 when absent. */
    static long statusField(Path status, String field) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
