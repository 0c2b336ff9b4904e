package io.mlbj.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Both maps of {@link DecodedHeaderMapBenchmark} see the same head: keep-alive, a length, "1024". */
class DecodedHeaderMapBenchmarkTest {

    @Test
    void bothMapsGiveTheSameAnswers() {
        for (String map : new String[] {"scanned", "netty"}) {
            DecodedHeaderMapBenchmark b = new DecodedHeaderMapBenchmark();
            b.map = map;
            b.setUp();
            try {
                for (int i = 0; i < 3; i++) {
                    assertThat(b.responseHead()).as(map).isEqualTo(1 + 2 + "1024".length());
                }
            } finally {
                b.tearDown();
            }
        }
    }
}
