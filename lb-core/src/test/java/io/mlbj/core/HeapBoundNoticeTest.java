package io.mlbj.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HeapBoundNoticeTest {
    private static final long SIX_GIB = 6L << 30;

    @Test
    void anUnboundedLargeHeapGetsTheAdviceNamingTheDefaultFlags() {
        assertThat(HeapBoundNotice.advice(List.of("-XX:+UseG1GC", "-Dfoo=1"), SIX_GIB)).hasValueSatisfying(advice ->
                assertThat(advice).contains("maximum heap 6144 MiB", "256 MiB", "-Xmx128m -XX:+UseSerialGC",
                        "JDK_JAVA_OPTIONS"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-Xmx512m", "-XX:MaxHeapSize=1g", "-XX:MaxRAMPercentage=50", "-XX:MaxRAM=2g"})
    void anExplicitBoundIsLeftAlone(String flag) {
        assertThat(HeapBoundNotice.advice(List.of("-Dx=y", flag), SIX_GIB)).isEmpty();
    }

    @Test
    void aSmallDefaultHeapNeedsNoAdvice() {
        assertThat(HeapBoundNotice.advice(List.of(), 128L << 20)).isEmpty();
        assertThat(HeapBoundNotice.advice(List.of(), 192L << 20)).isEmpty();
        assertThat(HeapBoundNotice.advice(List.of(), 193L << 20)).isPresent();
    }

    @Test
    void argumentsAreRequired() {
        assertThatThrownBy(() -> HeapBoundNotice.advice(null, SIX_GIB)).hasMessageContaining("jvmArguments");
    }
}
