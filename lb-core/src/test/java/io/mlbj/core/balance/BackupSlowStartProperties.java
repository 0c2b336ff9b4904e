package io.mlbj.core.balance;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.Balance;
import io.mlbj.core.routing.Balance.Algorithm;
import io.mlbj.core.routing.ProxyMode;
import io.mlbj.core.routing.Server;
import io.mlbj.core.routing.Timeouts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Backups are never balanced while a primary is usable; slowstart weights only grow, up to the full weight. */
class BackupSlowStartProperties {

    @Property(tries = 300)
    void backupsNeverPickedWhileAPrimaryIsUsable(
            @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 0, max = 3) Integer> primaries,
            @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 0, max = 3) Integer> backups,
            @ForAll Algorithm algorithm, @ForAll boolean allBackups, @ForAll @IntRange(min = 0, max = 7) int shift) {
        // Each number is a server's state: 0 down, 1 NOLB, 2 up at weight 1, 3 up at weight 3.
        List<Server> servers = new ArrayList<>();
        BalanceFixtures.Status status = new BalanceFixtures.Status();
        List<Server> usablePrimaries = new ArrayList<>();
        List<Server> usableBackups = new ArrayList<>();
        int n = 0;
        for (List<Integer> group : List.of(primaries, backups)) {
            boolean backup = group == backups;
            for (int state : group) {
                String name = (backup ? "b" : "p") + n++;
                Server s = new Server(name, "127.0.0.1", 9000 + n, 0, state == 3 ? 3 : 1, null, false, null, null, 0,
                        backup, Duration.ZERO);
                servers.add(s);
                if (state == 0) {
                    status.down(name);
                } else if (state == 1) {
                    status.effective(name, 0);
                } else {
                    (backup ? usableBackups : usablePrimaries).add(s);
                }
            }
        }
        // Interleave declaration order a little: backups may come first.
        List<Server> declared = new ArrayList<>(servers);
        java.util.Collections.rotate(declared, shift % declared.size());
        String argument = algorithm == Algorithm.HDR || algorithm == Algorithm.URL_PARAM ? "x" : null;
        Backend be = new Backend("be", ProxyMode.HTTP, new Balance(algorithm, argument), null, declared, false, false,
                true, 3, List.of(), List.of(), Timeouts.MARATHON_LB_DEFAULTS, allBackups);
        Balancer balancer = Balancers.forBackend(be);
        Server firstBackup = declared.stream().filter(usableBackups::contains).findFirst().orElse(null);
        for (int i = 0; i < 20; i++) {
            Server chosen = balancer.choose(BalanceFixtures.request(), status, null);
            if (!usablePrimaries.isEmpty()) {
                assertThat(usablePrimaries).contains(chosen);
            } else if (usableBackups.isEmpty()) {
                assertThat(chosen).isNull();
            } else if (allBackups) {
                assertThat(usableBackups).contains(chosen);
            } else {
                assertThat(chosen).isSameAs(firstBackup);
            }
        }
    }

    @Property(tries = 500)
    void slowstartWeightRampsMonotonicallyToTheFullWeight(
            @ForAll @IntRange(min = 1, max = 256) int weight, @ForAll @IntRange(min = 1, max = 600_000) int slowMillis,
            @ForAll @IntRange(min = 0, max = 700_000) int t1, @ForAll @IntRange(min = 0, max = 700_000) int t2) {
        Server s = new Server("s", "127.0.0.1", 80, 0, weight, null, false, null, null, 0, false,
                Duration.ofMillis(slowMillis));
        int early = SlowStart.effectiveWeight(s, Math.min(t1, t2));
        int late = SlowStart.effectiveWeight(s, Math.max(t1, t2));
        int full = weight * ServerStatus.WEIGHT_SCALE;
        assertThat(early).isBetween(weight, full);
        assertThat(late).isGreaterThanOrEqualTo(early);
        assertThat(SlowStart.effectiveWeight(s, 0)).as("starts at 1/16").isEqualTo(weight);
        assertThat(SlowStart.effectiveWeight(s, slowMillis + 1000L)).isEqualTo(full);
        assertThat(SlowStart.ramping(s, Math.max(t1, t2))).isEqualTo(late < full || Math.max(t1, t2) / 1000
                < (slowMillis + 999) / 1000);
    }
}
