package io.mlbj.core.balance;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.routing.Balance;
import io.mlbj.core.routing.Server;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class FwrrScheduleProperties {

    @Property(tries = 300)
    void roundrobinCyclePicksEachServerExactlyWeightTimes(
            @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 40) Integer> weights) {
        int[] w = weights.stream().mapToInt(Integer::intValue).toArray();
        List<Server> servers = BalanceFixtures.weighted(w);
        Balancer rr = Balancers.forBackend(BalanceFixtures.backend(Balance.ROUNDROBIN, servers));
        int total = weights.stream().mapToInt(Integer::intValue).sum();
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < total; i++) {
            counts.merge(rr.choose(BalanceFixtures.request(), ServerStatus.ALL_UP, null).name(), 1, Integer::sum);
        }
        for (int i = 0; i < w.length; i++) {
            assertThat(counts.getOrDefault(servers.get(i).name(), 0)).as("server %d", i).isEqualTo(w[i]);
        }
    }

    @Property(tries = 60)
    void fullWeightRangeCyclesAreExact(
            @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 0, max = 256) Integer> weights) {
        int[] w = weights.stream().mapToInt(Integer::intValue).toArray();
        int[] cycle = FwrrSchedule.cycle(w);
        int gcd = 0;
        for (int x : w) {
            gcd = java.math.BigInteger.valueOf(gcd).gcd(java.math.BigInteger.valueOf(x)).intValue();
        }
        int[] counts = new int[w.length];
        for (int index : cycle) {
            counts[index]++;
        }
        for (int i = 0; i < w.length; i++) {
            assertThat(counts[i]).isEqualTo(gcd == 0 ? 0 : w[i] / gcd);
        }
    }

    @Property(tries = 200)
    void serverMapHoldsEachServerInProportionToItsWeight(
            @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 60) Integer> weights) {
        int[] w = weights.stream().mapToInt(Integer::intValue).toArray();
        int[] map = ServerMap.of(w);
        int gcd = 0;
        for (int x : w) {
            gcd = java.math.BigInteger.valueOf(gcd).gcd(java.math.BigInteger.valueOf(x)).intValue();
        }
        int[] counts = new int[w.length];
        for (int index : map) {
            counts[index]++;
        }
        for (int i = 0; i < w.length; i++) {
            assertThat(counts[i]).isEqualTo(gcd == 0 ? 0 : w[i] / gcd);
        }
    }
}
