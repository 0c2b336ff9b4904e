package io.mlbj.core.balance;

import static io.mlbj.core.balance.BalanceFixtures.backend;
import static io.mlbj.core.balance.BalanceFixtures.request;
import static io.mlbj.core.balance.BalanceFixtures.sequence;
import static io.mlbj.core.balance.BalanceFixtures.server;
import static io.mlbj.core.balance.BalanceFixtures.weighted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlbj.core.routing.Balance;
import io.mlbj.core.routing.Balance.Algorithm;
import io.mlbj.core.routing.Server;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OtherBalancersTest {

    @ParameterizedTest(name = "conns A={0} B={1} C={2} -> {3}")
    @CsvSource({
        "0, 0, 0, ABCABC",
        "5, 0, 5, BBBBBB",
        "2, 1, 1, BCBCBC",
        "1, 3, 2, AAAAAA",
    })
    void leastconnPicksFewestConnectionsAndRotatesAmongEquals(int a, int b, int c, String expected) {
        Balancer lc = Balancers.forBackend(backend(new Balance(Algorithm.LEASTCONN, null), weighted(1, 1, 1)));
        BalanceFixtures.Status status = new BalanceFixtures.Status()
                .connections("A", a).connections("B", b).connections("C", c);
        assertThat(sequence(lc, request(), status, 6)).isEqualTo(expected);
    }

    @Test
    void leastconnWeighsConnectionsByWeight() {
        Balancer lc = Balancers.forBackend(backend(new Balance(Algorithm.LEASTCONN, null), weighted(4, 1)));
        // A has 3 connections for weight 4 (load 192), B has 1 for weight 1 (load 256).
        BalanceFixtures.Status status = new BalanceFixtures.Status().connections("A", 3).connections("B", 1);
        assertThat(sequence(lc, request(), status, 4)).isEqualTo("AAAA");
    }

    @Test
    void leastconnSkipsDownAndExcluded() {
        List<Server> servers = weighted(1, 1, 1);
        Balancer lc = Balancers.forBackend(backend(new Balance(Algorithm.LEASTCONN, null), servers));
        BalanceFixtures.Status status = new BalanceFixtures.Status().down("A");
        for (int i = 0; i < 6; i++) {
            assertThat(lc.choose(request(), status, servers.get(1)).name()).isEqualTo("C");
        }
        assertThat(lc.choose(request(), status.down("C"), servers.get(1))).isSameAs(servers.get(1));
    }

    @Test
    void firstFillsServersInIdOrderUpToMaxconn() {
        Server s30 = server("S30", 30, 1, false, 2);
        Server s10 = server("S10", 10, 1, false, 2);
        Server s20 = server("S20", 20, 1, false, 0);
        Balancer first = Balancers.forBackend(backend(Algorithm.FIRST, null, s30, s10, s20));
        BalanceFixtures.Status status = new BalanceFixtures.Status();
        assertThat(first.choose(request(), status, null)).isSameAs(s10);
        status.connections("S10", 2);
        assertThat(first.choose(request(), status, null)).isSameAs(s20);
        status.down("S20");
        assertThat(first.choose(request(), status, null)).isSameAs(s30);
        status.connections("S30", 2);
        assertThat(first.choose(request(), status, null)).as("all full: lowest id takes the overflow")
                .isSameAs(s10);
        assertThat(first.choose(request(), new BalanceFixtures.Status(), s10)).isSameAs(s20);
    }

    @Test
    void firstGivesServersWithoutIdTheSmallestFreeIdsInOrder() {
        Server explicit1 = server("E1", 1, 1, false, 0);
        Server auto = server("AUTO", 0, 1, false, 0);
        Server explicit2 = server("E2", 2, 1, false, 0);
        assertThat(FirstBalancer.effectiveIds(List.of(explicit1, auto, explicit2))).containsExactly(1, 3, 2);
    }

    @Test
    void randomFollowsWeightsAndSkipsDownServers() {
        Balancer random = Balancers.forBackend(backend(new Balance(Algorithm.RANDOM, "1"), weighted(3, 1, 1)));
        BalanceFixtures.Status status = new BalanceFixtures.Status().down("C");
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 8000; i++) {
            counts.merge(random.choose(request(), status, null).name(), 1, Integer::sum);
        }
        assertThat(counts).doesNotContainKey("C");
        // Expected 6000:2000; the bounds are many standard deviations (about 39) wide.
        assertThat(counts.get("A")).isBetween(5600, 6400);
        assertThat(counts.get("B")).isBetween(1600, 2400);
    }

    @Test
    void randomWithTwoDrawsPrefersTheLessLoaded() {
        Balancer random = Balancers.forBackend(backend(new Balance(Algorithm.RANDOM, null), weighted(1, 1)));
        BalanceFixtures.Status status = new BalanceFixtures.Status().connections("A", 10);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 4000; i++) {
            counts.merge(random.choose(request(), status, null).name(), 1, Integer::sum);
        }
        // B wins unless both draws are A (probability 1/4).
        assertThat(counts.get("B")).isBetween(2700, 3300);
    }

    @ParameterizedTest(name = "{0}({1})")
    @CsvSource({
        "SOURCE,    ''",
        "URI,       ''",
        "URL_PARAM, user",
        "HDR,       x-user",
    })
    void hashingIsStablePerKeyAndSpreadsKeys(Algorithm algorithm, String argument) {
        Balancer hash = Balancers.forBackend(backend(new Balance(algorithm, argument.isEmpty() ? null : argument),
                weighted(1, 1, 1, 1)));
        Map<String, Integer> perServer = new HashMap<>();
        for (int key = 0; key < 400; key++) {
            BalanceFixtures.Request r = keyed(algorithm, key);
            String first = hash.choose(r, ServerStatus.ALL_UP, null).name();
            for (int again = 0; again < 3; again++) {
                assertThat(hash.choose(r, ServerStatus.ALL_UP, null).name()).isEqualTo(first);
            }
            perServer.merge(first, 1, Integer::sum);
        }
        assertThat(perServer).hasSize(4);
        perServer.values().forEach(n -> assertThat(n).isBetween(50, 150));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "URL_PARAM, user, /path?other=1",
        "URL_PARAM, user, /path",
        "HDR,       x-user, /",
    })
    void hashingWithoutItsKeyFallsBackToRoundRobin(Algorithm algorithm, String argument, String uri) {
        Balancer hash = Balancers.forBackend(backend(new Balance(algorithm, argument), weighted(1, 1, 1)));
        BalanceFixtures.Request r = new BalanceFixtures.Request(uri, Map.of(), "10.0.0.1");
        assertThat(sequence(hash, r, ServerStatus.ALL_UP, 6)).isEqualTo("ABCABC");
    }

    @Test
    void hashedServerDownMovesOnlyToUpServers() {
        Balancer hash = Balancers.forBackend(backend(new Balance(Algorithm.SOURCE, null), weighted(1, 1, 1)));
        BalanceFixtures.Status status = new BalanceFixtures.Status().down("B");
        for (int key = 0; key < 100; key++) {
            assertThat(hash.choose(keyed(Algorithm.SOURCE, key), status, null).name()).isNotEqualTo("B");
        }
    }

    @Test
    void sourceHashFollowsHaproxyFullHash() {
        // full_hash(0x0a000001) % 3, computed from HAProxy's full_hash with unsigned 32-bit arithmetic.
        long h = Integer.toUnsignedLong(HaproxyHash.fullHash(0x0a000001));
        assertThat(HaproxyHash.source(new BalanceFixtures.Request("/", Map.of(), "10.0.0.1"))).isEqualTo(h);
        // An IPv6 address is hashed as its four 32-bit words XORed.
        long v6 = Integer.toUnsignedLong(HaproxyHash.fullHash(0x20010db8 ^ 0 ^ 0 ^ 0x00000001));
        assertThat(HaproxyHash.source(new BalanceFixtures.Request("/", Map.of(), "2001:db8::1"))).isEqualTo(v6);
        assertThat(HaproxyHash.sdbm("ab", 0, 2)).isEqualTo('b' + ('a' << 6) + ('a' << 16) - 'a');
    }

    @Test
    void missingArgumentNamesTheBackend() {
        assertThatThrownBy(() -> Balancers.forBackend(backend(new Balance(Algorithm.HDR, null), weighted(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backend be")
                .hasMessageContaining("hdr");
        assertThatThrownBy(() -> Balancers.forBackend(backend(new Balance(Algorithm.RANDOM, "x"), weighted(1))))
                .hasMessageContaining("random(x)");
    }

    private static BalanceFixtures.Request keyed(Algorithm algorithm, int key) {
        return switch (algorithm) {
            case SOURCE -> new BalanceFixtures.Request("/", Map.of(), "10.1." + (key / 250) + "." + (key % 250));
            case URI -> new BalanceFixtures.Request("/item/" + key + "?q=1", Map.of(), "10.0.0.1");
            case URL_PARAM -> new BalanceFixtures.Request("/p?a=1&user=u" + key + "&b=2", Map.of(), "10.0.0.1");
            case HDR -> new BalanceFixtures.Request("/", Map.of("x-user", "u" + key), "10.0.0.1");
            default -> throw new IllegalArgumentException(algorithm.name());
        };
    }
}
