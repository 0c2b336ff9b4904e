package io.mlbj.marathon.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A virtual-time scheduler and clock: tasks run only inside {@link #advance}, in time order. */
final class ManualScheduler implements TaskScheduler {
    private final List<Entry> entries = new ArrayList<>();
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private long sequence;

    private final class Entry implements Scheduled {
        final Instant at;
        final long order = sequence++;
        final Runnable task;
        boolean cancelled;

        Entry(Instant at, Runnable task) {
            this.at = at;
            this.task = task;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    @Override
    public Scheduled schedule(Duration delay, Runnable task) {
        Entry entry = new Entry(now.plus(delay.isNegative() ? Duration.ZERO : delay), task);
        entries.add(entry);
        return entry;
    }

    Clock clock() {
        return new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
    }

    /** Moves time forward, running every task due on the way. */
    void advance(Duration by) {
        Instant end = now.plus(by);
        while (true) {
            Entry next = entries.stream().filter(e -> !e.cancelled && !e.at.isAfter(end))
                    .min(Comparator.<Entry, Instant>comparing(e -> e.at).thenComparingLong(e -> e.order))
                    .orElse(null);
            if (next == null) {
                break;
            }
            entries.remove(next);
            if (next.at.isAfter(now)) {
                now = next.at;
            }
            next.task.run();
        }
        now = end;
    }

    /** Runs what is due now. */
    void runDue() {
        advance(Duration.ZERO);
    }
}
