package io.mlbj.core.balance;

import static io.mlbj.core.balance.BalanceFixtures.backend;
import static io.mlbj.core.balance.BalanceFixtures.request;
import static io.mlbj.core.balance.BalanceFixtures.sequence;
import static io.mlbj.core.balance.BalanceFixtures.server;
import static io.mlbj.core.balance.BalanceFixtures.weighted;
import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.routing.Balance;
import io.mlbj.core.routing.Server;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoundRobinBalancerTest {

    /** Orders observed on HAProxy 2.0.0 and 2.8.0 (and, for the last four, from the fwrr model). */
    @ParameterizedTest(name = "weights {0} -> {1}")
    @CsvSource({
        "1:1:1,   ABC",
        "3:1,     AAAB",
        "2:1,     AAB",
        "3:2,     AABAB",
        "5:1:1,   AAABAAC",
        "4:2:1,   AABACAB",
        "1:2,     BBA",
        "2:3,     BBABA",
        "3:3:1,   ABABABC",
        "4:3:2:1, ABACBADABC",
        "1,       A",
    })
    void roundrobinFollowsHaproxyOrder(String weights, String cycle) {
        Balancer rr = Balancers.forBackend(backend(Balance.ROUNDROBIN, weighted(parse(weights))));
        assertThat(sequence(rr, request(), ServerStatus.ALL_UP, cycle.length() * 3)).isEqualTo(cycle.repeat(3));
    }

    @ParameterizedTest(name = "weights {0} -> {1}")
    @CsvSource({
        "1:1:1, ABC",
        "3:1,   AAAB",
        "2:1,   AAB",
        "4:2:1, AABABAC",
        "2:2,   AB",
    })
    // Worked by hand from recalc_server_map in HAProxy's lb_map.c (static-rr walks that map).
    void staticRoundRobinWalksHaproxyServerMap(String weights, String cycle) {
        Balancer rr = Balancers.forBackend(backend(new Balance(Balance.Algorithm.STATIC_RR, null),
                weighted(parse(weights))));
        assertThat(sequence(rr, request(), ServerStatus.ALL_UP, cycle.length() * 2)).isEqualTo(cycle.repeat(2));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "ROUNDROBIN, ACAC",
        "STATIC_RR,  ACAC",
    })
    void downServerIsSkippedAndTheRestKeepTheirShare(Balance.Algorithm algorithm, String expected) {
        Balancer rr = Balancers.forBackend(backend(new Balance(algorithm, null), weighted(1, 1, 1)));
        BalanceFixtures.Status status = new BalanceFixtures.Status().down("B");
        String seq = sequence(rr, request(), status, 300);
        assertThat(seq).doesNotContain("B");
        assertThat(count(seq, 'A')).isEqualTo(150);
        assertThat(count(seq, 'C')).isEqualTo(150);
    }

    @Test
    void serverThatComesBackUpRejoinsTheRotation() {
        Balancer rr = Balancers.forBackend(backend(Balance.ROUNDROBIN, weighted(1, 1)));
        BalanceFixtures.Status status = new BalanceFixtures.Status().down("B");
        assertThat(sequence(rr, request(), status, 10)).isEqualTo("AAAAAAAAAA");
        status.down.clear();
        // Recovery is noticed within one recheck period (256 requests), then B has its full share.
        sequence(rr, request(), status, LiveSchedule.RECHECK_MASK + 1);
        String later = sequence(rr, request(), status, 200);
        assertThat(count(later, 'B')).isEqualTo(100);
    }

    @Test
    void disabledAndZeroWeightServersGetNoBalancedTraffic() {
        Server a = server("A", 1, 1, false, 0);
        Server drained = server("D", 2, 5, true, 0);
        Server zero = server("Z", 3, 0, false, 0);
        Server c = server("C", 4, 1, false, 0);
        for (Balance.Algorithm algorithm : Balance.Algorithm.values()) {
            String argument = algorithm == Balance.Algorithm.HDR || algorithm == Balance.Algorithm.URL_PARAM
                    ? "x" : null;
            Balancer b = Balancers.forBackend(backend(algorithm, argument, a, drained, zero, c));
            String seq = sequence(b, request(), ServerStatus.ALL_UP, 50);
            assertThat(seq).as(algorithm.name()).doesNotContain("D").doesNotContain("Z").doesNotContain("-");
        }
    }

    @Test
    void noUsableServerGivesNull() {
        Balancer rr = Balancers.forBackend(backend(Balance.ROUNDROBIN, weighted(1, 1)));
        assertThat(sequence(rr, request(), new BalanceFixtures.Status().down("A", "B"), 3)).isEqualTo("---");
        Balancer empty = Balancers.forBackend(backend(Balance.ROUNDROBIN, List.of()));
        assertThat(empty.choose(request(), ServerStatus.ALL_UP, null)).isNull();
    }

    @Test
    void excludedServerIsSkippedUnlessItIsTheOnlyOne() {
        List<Server> servers = weighted(1, 1, 1);
        Balancer rr = Balancers.forBackend(backend(Balance.ROUNDROBIN, servers));
        for (int i = 0; i < 30; i++) {
            assertThat(rr.choose(request(), ServerStatus.ALL_UP, servers.get(1))).isNotSameAs(servers.get(1));
        }
        BalanceFixtures.Status onlyB = new BalanceFixtures.Status().down("A", "C");
        assertThat(rr.choose(request(), onlyB, servers.get(1))).isSameAs(servers.get(1));
        BalanceFixtures.Status none = new BalanceFixtures.Status().down("A", "B", "C");
        assertThat(rr.choose(request(), none, servers.get(1))).isNull();
    }

    @Test
    void concurrentCallersShareOneCycleExactly() throws Exception {
        Balancer rr = Balancers.forBackend(backend(Balance.ROUNDROBIN, weighted(3, 2, 1)));
        java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.atomic.LongAdder> counts =
                new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 6000; i++) {
                        String name = rr.choose(request(), ServerStatus.ALL_UP, null).name();
                        counts.computeIfAbsent(name, k -> new java.util.concurrent.atomic.LongAdder()).increment();
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        // 24000 picks = 4000 whole cycles of 6, whatever the interleaving of the threads.
        assertThat(counts.get("A").sum()).isEqualTo(12000);
        assertThat(counts.get("B").sum()).isEqualTo(8000);
        assertThat(counts.get("C").sum()).isEqualTo(4000);
    }

    static int[] parse(String weights) {
        return Arrays.stream(weights.trim().split(":")).mapToInt(Integer::parseInt).toArray();
    }

    static long count(String s, char c) {
        return s.chars().filter(ch -> ch == c).count();
    }
}
