package io.mlbj.core.health;

import java.time.Duration;

/**
 * HAProxy's health counter of one server ({@code check->health} in {@code check.c}): 0 to
 * {@code rise + fall - 1}, up when at least {@code rise}. A new server starts at {@code rise}: up, but
 * down at its first failure; one success makes it fully up, and then {@code fall} failures in a row take
 * it down; from down, {@code rise} successes in a row bring it back. Not thread-safe (one owner).
 */
final class RiseFallCounter {
    private int rise;
    private int fall;
    private int health;

    /** A counter for a server that starts as HAProxy starts a checked server: up, falling at the first failure. */
    RiseFallCounter(int rise, int fall) {
        this.rise = rise;
        this.fall = fall;
        this.health = rise;
    }

    /** Whether the server is up. */
    boolean isUp() {
        return health >= rise;
    }

    /** Whether a failure now would not change the state, because the server is already down with no progress. */
    boolean isFullyDown() {
        return health == 0;
    }

    /** Applies one check result; returns true when the up/down state changed. */
    boolean record(boolean passed) {
        boolean wasUp = isUp();
        if (passed) {
            if (health < rise + fall - 1) {
                health++;
                if (health >= rise) {
                    health = rise + fall - 1;
                }
            }
        } else if (health > 0) {
            health--;
            if (health < rise) {
                health = 0;
            }
        }
        return wasUp != isUp();
    }

    /**
     * The delay before the next check (HAProxy's {@code srv_getinter}): {@code inter} when fully up,
     * {@code downinter} when fully down, {@code fastinter} in between.
     */
    Duration nextInterval(Duration inter, Duration fastInter, Duration downInter) {
        if (health == rise + fall - 1) {
            return inter;
        }
        return health == 0 ? downInter : fastInter;
    }

    /**
     * New {@code rise}/{@code fall} (a routing swap changed them): the state is kept; a fully up or
     * fully down server stays so, one in transition keeps as much progress as the new bounds allow.
     */
    void resize(int newRise, int newFall) {
        boolean up = isUp();
        boolean full = health == rise + fall - 1;
        int progress = up ? health - rise : health;
        rise = newRise;
        fall = newFall;
        if (up) {
            health = full ? rise + fall - 1 : Math.min(rise + progress, rise + fall - 1);
        } else {
            health = Math.min(progress, rise - 1);
        }
    }

    /**
     * HAProxy's stats text: {@code UP}, {@code UP 1/3} (going down: checks left before down / fall),
     * {@code DOWN}, {@code DOWN 1/2} (going up: successes / rise).
     */
    String text() {
        if (isUp()) {
            return health == rise + fall - 1 ? "UP" : "UP " + (health - rise + 1) + "/" + fall;
        }
        return health == 0 ? "DOWN" : "DOWN " + health + "/" + rise;
    }
}
