package io.mlbj.core.balance;

import static io.mlbj.core.balance.BalanceFixtures.backend;
import static io.mlbj.core.balance.BalanceFixtures.backup;
import static io.mlbj.core.balance.BalanceFixtures.request;
import static io.mlbj.core.balance.BalanceFixtures.sequence;
import static io.mlbj.core.balance.BalanceFixtures.server;
import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.routing.Balance;
import io.mlbj.core.routing.Balance.Algorithm;
import io.mlbj.core.routing.Server;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Backup servers, NOLB (effective weight 0) and slowstart weights as the balancers see them. */
class BackupBalancerTest {
    private final Server a = server("A", 1);
    private final Server b = server("B", 1);
    private final Server x = backup("X", 1);
    private final Server y = backup("Y", 1);

    @Test
    void backupsWaitUntilNoPrimaryIsUsableThenTheFirstTakesAll() {
        Balancer rr = Balancers.forBackend(backend(Balance.ROUNDROBIN, List.of(x, a, y, b), false));
        BalanceFixtures.Status status = new BalanceFixtures.Status();
        assertThat(sequence(rr, request(), status, 6)).isEqualTo("ABABAB");
        status.down("A");
        assertThat(sequence(rr, request(), status, 4)).isEqualTo("BBBB");
        status.down("B");
        assertThat(sequence(rr, request(), status, 4)).as("first backup in declaration order").isEqualTo("XXXX");
        status.down("X");
        assertThat(sequence(rr, request(), status, 4)).isEqualTo("YYYY");
        status.down("Y");
        assertThat(sequence(rr, request(), status, 2)).isEqualTo("--");
        status.down.clear();
        assertThat(sequence(rr, request(), status, 4)).as("primaries back").isEqualTo("ABAB");
    }

    @Test
    void allbackupsBalancesEveryUsableBackup() {
        Balancer rr = Balancers.forBackend(backend(Balance.ROUNDROBIN, List.of(a, x, y), true));
        BalanceFixtures.Status status = new BalanceFixtures.Status().down("A");
        assertThat(sequence(rr, request(), status, 6)).isEqualTo("XYXYXY");
        status.down("X");
        assertThat(sequence(rr, request(), status, 3)).isEqualTo("YYY");
    }

    @Test
    void primariesInNolbOrDrainLeaveTheTrafficToBackups() {
        Server drained = server("D", 0);
        Balancer rr = Balancers.forBackend(backend(Balance.ROUNDROBIN, List.of(a, drained, x), false));
        BalanceFixtures.Status status = new BalanceFixtures.Status().effective("A", 0);
        assertThat(sequence(rr, request(), status, 3)).isEqualTo("XXX");
    }

    @Test
    void anExcludedBackupIsReturnedOnlyWhenItIsTheOnlyOne() {
        Balancer rr = Balancers.forBackend(backend(Balance.ROUNDROBIN, List.of(a, x, y), false));
        BalanceFixtures.Status status = new BalanceFixtures.Status().down("A");
        assertThat(rr.choose(request(), status, x)).isSameAs(y);
        status.down("Y");
        assertThat(rr.choose(request(), status, x)).isSameAs(x);
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"ROUNDROBIN", "STATIC_RR", "LEASTCONN", "FIRST", "RANDOM", "SOURCE",
            "URI"})
    void everyAlgorithmKeepsBackupsOutWhileAPrimaryIsUp(Algorithm algorithm) {
        Balancer balancer = Balancers.forBackend(backend(new Balance(algorithm, null), List.of(x, a, b, y), false));
        BalanceFixtures.Status status = new BalanceFixtures.Status().down("A");
        for (int i = 0; i < 50; i++) {
            assertThat(balancer.choose(request(), status, null)).isSameAs(b);
        }
        status.down("B");
        for (int i = 0; i < 50; i++) {
            assertThat(balancer.choose(request(), status, null)).isSameAs(x);
        }
    }

    @Test
    void roundRobinFollowsASlowstartStep() {
        Server ramping = new Server("R", "127.0.0.1", 9001, 0, 1, null, false, null, null, 0, false,
                Duration.ofSeconds(10));
        Balancer rr = Balancers.forBackend(backend(Balance.ROUNDROBIN, List.of(a, ramping), false));
        // R at 4/16 of its weight: one pick in five once the table is rebuilt (at the first pick).
        BalanceFixtures.Status status = new BalanceFixtures.Status().effective("R", 4);
        String picks = sequence(rr, request(), status, 250);
        assertThat(picks.chars().filter(c -> c == 'R').count()).isEqualTo(50);
        status.effective("R", 16);
        String full = sequence(rr, request(), status, 256);
        assertThat(full.substring(6).chars().filter(c -> c == 'R').count()).as("full weight again").isEqualTo(125);
    }

    @Test
    void aRampingTableFollowsTheNextStepWithoutWaitingForTraffic() throws InterruptedException {
        Server ramping = new Server("R", "127.0.0.1", 9001, 0, 1, null, false, null, null, 0, false,
                Duration.ofSeconds(10));
        Balancer rr = Balancers.forBackend(backend(Balance.ROUNDROBIN, List.of(a, ramping), false));
        BalanceFixtures.Status status = new BalanceFixtures.Status().effective("R", 4);
        assertThat(sequence(rr, request(), status, 5).chars().filter(c -> c == 'R').count()).isEqualTo(1);
        status.effective("R", 16);
        // Well past the half second after which a ramping table reads the weights again (not a timing bound).
        Thread.sleep(600);
        assertThat(sequence(rr, request(), status, 10).chars().filter(c -> c == 'R').count()).isEqualTo(5);
    }

    @Test
    void leastconnCountsConnectionsAgainstTheEffectiveWeight() {
        Server ramping = new Server("R", "127.0.0.1", 9001, 0, 1, null, false, null, null, 0, false,
                Duration.ofSeconds(10));
        Balancer lc = Balancers.forBackend(backend(new Balance(Algorithm.LEASTCONN, null), List.of(a, ramping), false));
        // A: 3 connections at full weight; R: 1 connection at 2/16 of its weight, i.e. as loaded as 8.
        BalanceFixtures.Status status = new BalanceFixtures.Status().connections("A", 3).connections("R", 1)
                .effective("R", 2);
        assertThat(sequence(lc, request(), status, 3)).isEqualTo("AAA");
        status.effective("R", 16);
        assertThat(sequence(lc, request(), status, 3)).isEqualTo("RRR");
    }

    @Test
    void fitKeepsSmallWeightsAndScalesLargeOnes() {
        assertThat(LiveSchedule.fit(new int[] {48, 16, 0})).containsExactly(3, 1, 0);
        assertThat(LiveSchedule.fit(new int[] {4096, 1})).containsExactly(256, 1);
        assertThat(LiveSchedule.fit(new int[] {4096, 2048, 3})).containsExactly(256, 128, 1);
        assertThat(LiveSchedule.fit(new int[] {0, 0})).containsExactly(0, 0);
    }
}
