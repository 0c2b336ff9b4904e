package io.mlbj.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.util.ResourceLeakDetector;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LeakDetectionDefaultTest {
    @Test
    void leakDetectionIsOffWhenNoNettyPropertyIsGiven() {
        Properties p = new Properties();
        p.setProperty("io.netty.allocator.type", "pooled");
        assertThat(LeakDetectionDefault.levelFor(p)).contains(ResourceLeakDetector.Level.DISABLED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"io.netty.leakDetection.level", "io.netty.leakDetectionLevel", "io.netty.noResourceLeakDetection"})
    void anyOfNettysOwnPropertiesIsLeftToNetty(String property) {
        Properties p = new Properties();
        p.setProperty(property, "simple");
        assertThat(LeakDetectionDefault.levelFor(p)).isEmpty();
    }

    @Test
    void theTestJvmKeepsItsParanoidLevel() {
        // Surefire starts this JVM with -Dio.netty.leakDetection.level=paranoid: apply() must not lower it.
        LeakDetectionDefault.apply();
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
    }

    @Test
    void nullPropertiesAreRefusedByName() {
        assertThatThrownBy(() -> LeakDetectionDefault.levelFor(null)).hasMessageContaining("systemProperties");
    }
}
