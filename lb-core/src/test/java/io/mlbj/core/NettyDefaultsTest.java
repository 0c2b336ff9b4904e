package io.mlbj.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.util.ResourceLeakDetector;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NettyDefaultsTest {
    @Test
    void leakDetectionIsOffWhenNoNettyPropertyIsGiven() {
        Properties p = new Properties();
        p.setProperty("io.netty.allocator.type", "pooled");
        assertThat(NettyDefaults.leakLevelFor(p)).contains(ResourceLeakDetector.Level.DISABLED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"io.netty.leakDetection.level", "io.netty.leakDetectionLevel", "io.netty.noResourceLeakDetection"})
    void anyOfNettysOwnLeakPropertiesIsLeftToNetty(String property) {
        Properties p = new Properties();
        p.setProperty(property, "simple");
        assertThat(NettyDefaults.leakLevelFor(p)).isEmpty();
    }

    @Test
    void theAllocatorsLowMemoryModeIsOffUnlessTheJvmNamesIt() {
        Properties p = new Properties();
        p.setProperty("io.netty.leakDetection.level", "simple");
        assertThat(NettyDefaults.allocatorLowMemoryFor(p)).contains("false");
        p.setProperty("io.netty.allocator.lowMemory", "true");
        assertThat(NettyDefaults.allocatorLowMemoryFor(p)).isEmpty();
    }

    @Test
    void applySetsTheAllocatorPropertyOnlyWhenAbsentAndKeepsTheTestJvmsParanoidLevel() {
        String before = System.getProperty(NettyDefaults.ALLOCATOR_LOW_MEMORY);
        try {
            System.clearProperty(NettyDefaults.ALLOCATOR_LOW_MEMORY);
            NettyDefaults.apply();
            assertThat(System.getProperty(NettyDefaults.ALLOCATOR_LOW_MEMORY)).isEqualTo("false");

            System.setProperty(NettyDefaults.ALLOCATOR_LOW_MEMORY, "true");
            NettyDefaults.apply();
            assertThat(System.getProperty(NettyDefaults.ALLOCATOR_LOW_MEMORY)).isEqualTo("true");
        } finally {
            if (before == null) {
                System.clearProperty(NettyDefaults.ALLOCATOR_LOW_MEMORY);
            } else {
                System.setProperty(NettyDefaults.ALLOCATOR_LOW_MEMORY, before);
            }
        }
        // Surefire starts this JVM with -Dio.netty.leakDetection.level=paranoid: apply() must not lower it.
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
    }

    @Test
    void nullPropertiesAreRefusedByName() {
        assertThatThrownBy(() -> NettyDefaults.leakLevelFor(null)).hasMessageContaining("systemProperties");
        assertThatThrownBy(() -> NettyDefaults.allocatorLowMemoryFor(null)).hasMessageContaining("systemProperties");
    }
}
