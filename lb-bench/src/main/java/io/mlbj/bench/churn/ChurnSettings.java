package io.mlbj.bench.churn;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * One churn run: how long the tasks change and how often, how gracefully they are killed, and the load.
 *
 * @param duration how long the churner changes tasks (the measured period)
 * @param changeInterval time between two task changes
 * @param killGracePeriod how long a killed task keeps serving (Marathon's kill grace period)
 * @param apps number of sticky apps (the last one uses {@code insert} mode, the others {@code prefix})
 * @param usersPerApp closed-loop virtual users per app, each with its own connection and cookie jar
 * @param minInstances the least tasks an app is scaled down to
 * @param maxInstances the most tasks an app is scaled up to
 * @param seed seed of the churner's choices (the same seed gives the same sequence of operations)
 */
public record ChurnSettings(Duration duration, Duration changeInterval, Duration killGracePeriod, int apps,
                            int usersPerApp, int minInstances, int maxInstances, long seed) {

    /** Validates every field; a bad value raises {@link IllegalArgumentException} naming the option. */
    public ChurnSettings {
        requireNonNull(duration, "duration");
        requireNonNull(changeInterval, "changeInterval");
        requireNonNull(killGracePeriod, "killGracePeriod");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("--duration: " + duration + " (expected: > 0)");
        }
        if (changeInterval.toMillis() < 1) {
            throw new IllegalArgumentException("--interval: " + changeInterval + " (expected: >= 1 ms)");
        }
        if (killGracePeriod.isNegative()) {
            throw new IllegalArgumentException("--kill-grace: " + killGracePeriod + " (expected: >= 0)");
        }
        if (apps < 1 || apps > 50) {
            throw new IllegalArgumentException("--apps: " + apps + " (expected: 1..50)");
        }
        if (usersPerApp < 1 || usersPerApp > 100) {
            throw new IllegalArgumentException("--users: " + usersPerApp + " (expected: 1..100 per app)");
        }
        if (minInstances < 1) {
            throw new IllegalArgumentException("--min-instances: " + minInstances + " (expected: >= 1)");
        }
        if (maxInstances < minInstances + 1) {
            throw new IllegalArgumentException("--max-instances: " + maxInstances
                    + " (expected: > --min-instances " + minInstances + ")");
        }
    }

    /** The run: 60 s of a change every 100 ms, 2 s grace, 3 apps of 4 users, 2..5 tasks each. */
    public static ChurnSettings defaults() {
        return new ChurnSettings(Duration.ofSeconds(60), Duration.ofMillis(100), Duration.ofSeconds(2), 3, 4, 2, 5, 1);
    }
}
