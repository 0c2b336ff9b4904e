package io.mlbj.core.health;

import io.mlbj.core.balance.ServerStatus;
import io.mlbj.core.balance.SlowStart;
import io.mlbj.core.routing.HealthCheck;
import io.mlbj.core.routing.Server;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The results of one server's checks and the up/down state they lead to. Written by one thread (the
 * server's event loop), read by any: the published fields are volatile, and recording a result in a
 * steady state (fully up or fully down) allocates nothing.
 */
final class CheckResults implements ServerHealthView {
    private static final Logger log = LoggerFactory.getLogger(CheckResults.class);

    private final HealthKey key;
    private final RiseFallCounter counter;
    private volatile Server server;
    private volatile boolean up = true;
    private volatile boolean nolb;
    // When the server last came back up after being down (never at start-up): the slowstart ramp's origin.
    private volatile long recoveredAtNanos;
    private volatile boolean recovered;
    private volatile String statusText;
    private volatile CheckStatus lastCheck = CheckStatus.INI;
    private volatile int lastCode;
    private volatile long lastDurationMillis = -1;
    private volatile long lastChangeMillis = System.currentTimeMillis();
    private volatile long checks;
    private volatile long failures;
    private volatile long downTransitions;

    /** Results of a server that starts as HAProxy starts a checked server (up, down at the first failure). */
    CheckResults(HealthKey key, Server server) {
        this.key = key;
        this.server = server;
        this.counter = new RiseFallCounter(server.check().rise(), server.check().fall());
        this.statusText = counter.text();
    }

    /** Takes the server's new settings; the state is kept (new rise/fall keep up or down). */
    void settings(Server next) {
        HealthCheck c = next.check();
        HealthCheck old = server.check();
        server = next;
        if (c.rise() != old.rise() || c.fall() != old.fall()) {
            counter.resize(c.rise(), c.fall());
            statusText = counter.text();
            up = counter.isUp();
        }
    }

    /** Records one check's result, logging a state change as HAProxy does. */
    void record(CheckStatus status, int code, long durationNanos) {
        lastDurationMillis = durationNanos / 1_000_000;
        lastCheck = status;
        lastCode = code;
        checks = checks + 1;
        if (status == CheckStatus.L7OKC && up) {
            // A conditional pass leaves the rise/fall count alone and stops balanced traffic only.
            if (!nolb) {
                nolb = true;
                lastChangeMillis = System.currentTimeMillis();
                log.warn("Server {}/{} is going NOLB, reason: {}", key.backend(), key.server(), lastCheckText());
            }
            statusText = "NOLB";
            return;
        }
        if (nolb) {
            nolb = false;
            lastChangeMillis = System.currentTimeMillis();
            log.info("Server {}/{} leaves NOLB, reason: {}", key.backend(), key.server(), lastCheckText());
        }
        // A 404 of a server that is not up is a failure, as without disable-on-404.
        boolean passed = status.passed() && status != CheckStatus.L7OKC;
        if (!passed && !counter.isFullyDown()) {
            failures = failures + 1;
        }
        if (counter.record(passed)) {
            if (counter.isUp()) {
                recoveredAtNanos = System.nanoTime();
                recovered = true;
            }
            up = counter.isUp();
            lastChangeMillis = System.currentTimeMillis();
            if (up) {
                log.info("Server {}/{} is UP, reason: {}", key.backend(), key.server(), lastCheckText());
            } else {
                downTransitions = downTransitions + 1;
                log.warn("Server {}/{} is DOWN, reason: {}", key.backend(), key.server(), lastCheckText());
            }
        }
        String text = counter.text();
        if (!text.equals(statusText)) {
            statusText = text;
        }
    }

    /**
     * The weight balancing gives {@code s} (this server's record, possibly of another snapshot) now, in
     * 1/{@link ServerStatus#WEIGHT_SCALE} units: 0 when down or NOLB, ramped by {@code slowstart} after a recovery.
     */
    int effectiveWeight(Server s) {
        if (!up || nolb) {
            return 0;
        }
        if (!recovered || s.slowStart().isZero()) {
            return s.weight() * ServerStatus.WEIGHT_SCALE;
        }
        long elapsedMillis = (System.nanoTime() - recoveredAtNanos) / 1_000_000;
        return SlowStart.effectiveWeight(s, elapsedMillis);
    }

    /** Whether the server is up but answered 404 under {@code http-check disable-on-404}. */
    boolean isNolb() {
        return nolb;
    }

    /** The delay before the next check by HAProxy's rule (inter, fastinter or downinter), before jitter. */
    Duration nextInterval(HealthCheck check) {
        return counter.nextInterval(check.interval(), check.fastInterval(), check.downInterval());
    }

    @Override
    public Server server() {
        return server;
    }

    @Override
    public ServerState state() {
        Server s = server;
        if (s.disabled()) {
            return ServerState.MAINT;
        }
        if (!up) {
            return ServerState.DOWN;
        }
        if (nolb) {
            return ServerState.NOLB;
        }
        return s.weight() == 0 ? ServerState.DRAIN : ServerState.UP;
    }

    @Override
    public String statusText() {
        return statusText;
    }

    @Override
    public boolean isUp() {
        return up;
    }

    @Override
    public CheckStatus lastCheck() {
        return lastCheck;
    }

    @Override
    public int lastCheckCode() {
        return lastCode;
    }

    @Override
    public String lastCheckText() {
        int code = lastCode;
        return code == 0 ? lastCheck.name() : lastCheck.name() + " " + code;
    }

    @Override
    public long lastCheckDurationMillis() {
        return lastDurationMillis;
    }

    @Override
    public long lastChangeMillis() {
        return lastChangeMillis;
    }

    @Override
    public long checks() {
        return checks;
    }

    @Override
    public long failures() {
        return failures;
    }

    @Override
    public long downTransitions() {
        return downTransitions;
    }
}
