package io.mlbj.core.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.routing.LogFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SampleFetchTest {

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 80, 443, 65535, 65536, -1, Long.MIN_VALUE, Long.MAX_VALUE})
    void numbersReadAsTheirDecimalText(long value) {
        assertThat(SampleFetch.numberText(value)).isEqualTo(Long.toString(value));
        assertThat(SampleFetch.numberText(value)).isEqualTo(Long.toString(value));
    }

    @Test
    void aPortIsFormattedOnceAndThenReused() {
        assertThat(SampleFetch.numberText(8443)).isSameAs(SampleFetch.numberText(8443));
    }

    @Test
    void aLoneFetchFormatsAsItsValueAndAnAbsentValueAsEmpty() {
        LogFormat port = new LogFormat(List.of(new LogFormat.Fetch("dst_port", r -> "8080")), "%[dst_port]");
        LogFormat none = new LogFormat(List.of(new LogFormat.Fetch("req.hdr(x)", r -> null)), "%[req.hdr(x)]");
        LogFormat both = new LogFormat(List.of(new LogFormat.Literal("p="), new LogFormat.Fetch("x", r -> null)), "");
        assertThat(port.format(null)).isEqualTo("8080");
        assertThat(none.format(null)).isEmpty();
        assertThat(both.format(null)).isEqualTo("p=");
        assertThat(LogFormat.literal("https").format(null)).isEqualTo("https");
    }
}
