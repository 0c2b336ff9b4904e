package io.mlbj.core;

import static java.util.Objects.requireNonNull;

import io.netty.util.ResourceLeakDetector;
import java.util.Optional;
import java.util.Properties;

/**
 * The launchers' default for Netty's buffer leak detection: off, unless the JVM is started with one of
 * Netty's own properties. Netty's default ({@code simple}) records the stack of one buffer in 128; on the
 * forwarding path that is about 2 % of the proxy's CPU (stack walks and tracking wrappers, async-profiler,
 * docs/architecture/headparse.md), for a report that only helps while developing. The test suite runs with
 * {@code paranoid}; {@code -Dio.netty.leakDetection.level=simple} turns it back on in production.
 */
public final class LeakDetectionDefault {
    private static final String[] NETTY_PROPERTIES = {
        "io.netty.leakDetection.level", "io.netty.leakDetectionLevel", "io.netty.noResourceLeakDetection"
    };

    private LeakDetectionDefault() {}

    /** The level to set for a JVM with these system properties: empty when one of Netty's own is given. */
    public static Optional<ResourceLeakDetector.Level> levelFor(Properties systemProperties) {
        requireNonNull(systemProperties, "systemProperties");
        for (String name : NETTY_PROPERTIES) {
            if (systemProperties.getProperty(name) != null) {
                return Optional.empty();
            }
        }
        return Optional.of(ResourceLeakDetector.Level.DISABLED);
    }

    /** Applies {@link #levelFor} to this JVM; called first by the launchers' {@code main}. */
    public static void apply() {
        levelFor(System.getProperties()).ifPresent(ResourceLeakDetector::setLevel);
    }
}
