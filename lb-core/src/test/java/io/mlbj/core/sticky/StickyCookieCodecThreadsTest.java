package io.mlbj.core.sticky;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.balance.ServerStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One codec shared by several threads, as by several event loops: each call sees only its own headers. */
class StickyCookieCodecThreadsTest {

    @Test
    void concurrentDecisionsDoNotMix() throws Exception {
        StickyCookieCodec codec = StickyFixtures.codec("JSESSIONID prefix");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String server = t % 2 == 0 ? "s1" : "s2";
                String session = "session" + t;
                results.add(pool.submit(() -> {
                    int checked = 0;
                    for (int i = 0; i < 20_000; i++) {
                        List<String> headers = List.of("a=" + i, "x=1; JSESSIONID=" + server + "~" + session + i);
                        StickyRequestDecision d = codec.decide(headers, ServerStatus.ALL_UP);
                        assertThat(d.server().cookie()).isEqualTo(server);
                        assertThat(d.forwardedHeaders())
                                .containsExactly("a=" + i, "x=1; JSESSIONID=" + session + i);
                        checked++;
                    }
                    return checked;
                }));
            }
            for (Future<Integer> f : results) {
                assertThat(f.get(120, TimeUnit.SECONDS)).isEqualTo(20_000);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
