package io.mlbj.core.balance;

import io.mlbj.core.routing.Server;

/**
 * HAProxy's {@code slowstart} ramp ({@code server_recalc_eweight} in {@code src/server.c}): after a server
 * comes back up, its effective weight grows linearly in whole seconds from 1/{@value ServerStatus#WEIGHT_SCALE}
 * of its weight to the full weight over the {@code slowstart} period.
 */
public final class SlowStart {
    private SlowStart() {
    }

    /**
     * The effective weight (in 1/{@link ServerStatus#WEIGHT_SCALE} units) of {@code server} that came up
     * {@code elapsedMillis} ago; its full {@code weight * WEIGHT_SCALE} when it has no {@code slowstart} or the
     * period is over.
     */
    public static int effectiveWeight(Server server, long elapsedMillis) {
        int full = server.weight() * ServerStatus.WEIGHT_SCALE;
        // HAProxy keeps slowstart in whole seconds, rounded up, and counts elapsed whole seconds.
        long period = (server.slowStart().toMillis() + 999) / 1000;
        if (period == 0 || elapsedMillis < 0) {
            return full;
        }
        long elapsed = elapsedMillis / 1000;
        if (elapsed >= period) {
            return full;
        }
        long step = (ServerStatus.WEIGHT_SCALE * elapsed + period) / period;
        return (int) Math.min(full, (long) server.weight() * step);
    }

    /** Whether {@code server}'s ramp is still in progress {@code elapsedMillis} after it came up. */
    public static boolean ramping(Server server, long elapsedMillis) {
        long period = (server.slowStart().toMillis() + 999) / 1000;
        return period > 0 && elapsedMillis >= 0 && elapsedMillis / 1000 < period;
    }
}
