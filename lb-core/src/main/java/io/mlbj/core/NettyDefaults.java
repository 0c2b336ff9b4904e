package io.mlbj.core;

import static java.util.Objects.requireNonNull;

import io.netty.util.ResourceLeakDetector;
import java.util.Optional;
import java.util.Properties;

/**
 * The launchers' defaults for two Netty settings whose own defaults cost CPU on every request; each is left
 * to Netty when the JVM is started with one of Netty's properties for it. Applied first in {@code main},
 * before any buffer is allocated (the allocator reads its properties once, when its class is loaded).
 * <ul>
 * <li>Buffer leak detection: off. Netty's default ({@code simple}) records the stack of one buffer in 128;
 *     on the forwarding path that is about 2 % of the proxy's CPU (stack walks and tracking wrappers,
 *     async-profiler, docs/architecture/headparse.md), for a report that only helps while developing. The
 *     test suite runs with {@code paranoid}; {@code -Dio.netty.leakDetection.level=simple} turns it on.</li>
 * <li>The adaptive allocator's low-memory mode: off ({@code io.netty.allocator.lowMemory=false}). Netty
 *     turns it on when the heap limit is 512 MiB or less, which the container's {@code -Xmx128m} is, though
 *     the buffers are direct memory: then every allocation goes through shared, locked magazines and a
 *     shared recycler queue, and buffers over 16.5 KiB are not pooled at all. With per-thread magazines
 *     the allocator's share of a TLS keep-alive request fell from 6.1 % to 3.0 % of the process's samples
 *     (docs/architecture/allocator.md).</li>
 * </ul>
 */
public final class NettyDefaults {
    static final String ALLOCATOR_LOW_MEMORY = "io.netty.allocator.lowMemory";
    private static final String[] LEAK_PROPERTIES = {
        "io.netty.leakDetection.level", "io.netty.leakDetectionLevel", "io.netty.noResourceLeakDetection"
    };

    private NettyDefaults() {}

    /** The leak detection level to set for a JVM with these system properties: empty when Netty's own is given. */
    public static Optional<ResourceLeakDetector.Level> leakLevelFor(Properties systemProperties) {
        requireNonNull(systemProperties, "systemProperties");
        for (String name : LEAK_PROPERTIES) {
            if (systemProperties.getProperty(name) != null) {
                return Optional.empty();
            }
        }
        return Optional.of(ResourceLeakDetector.Level.DISABLED);
    }

    /** The value to give {@value #ALLOCATOR_LOW_MEMORY}: empty when the JVM was started with it. */
    public static Optional<String> allocatorLowMemoryFor(Properties systemProperties) {
        requireNonNull(systemProperties, "systemProperties");
        return systemProperties.getProperty(ALLOCATOR_LOW_MEMORY) != null ? Optional.empty() : Optional.of("false");
    }

    /** Applies both defaults to this JVM; called first by the launchers' {@code main}. */
    public static void apply() {
        Properties system = System.getProperties();
        allocatorLowMemoryFor(system).ifPresent(v -> System.setProperty(ALLOCATOR_LOW_MEMORY, v));
        leakLevelFor(system).ifPresent(ResourceLeakDetector::setLevel);
    }
}
