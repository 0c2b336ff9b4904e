package io.mlbj.bench.load;

import java.util.concurrent.atomic.AtomicLong;

/** Decides, for each request about to be sent, whether it is a warm-up request, a measured one, or one too many. */
final class RequestBudget {

    /** What a request attempt may do. */
    enum Claim {
        /** Sent but not recorded: its intended send time lies in the warm-up. */
        WARMUP,
        /** Sent and recorded. */
        MEASURED,
        /** Not sent: the run's time or request count is used up. */
        STOP
    }

    private final long warmupEndNanos;
    private final long endNanos;
    private final AtomicLong remaining;

    /**
     * @param warmupEndNanos {@link System#nanoTime()} at which measuring starts
     * @param endNanos nanoTime after which no request starts; {@link Long#MAX_VALUE} for none
     * @param requests measured requests allowed; 0 for no limit
     */
    RequestBudget(long warmupEndNanos, long endNanos, long requests) {
        this.warmupEndNanos = warmupEndNanos;
        this.endNanos = endNanos;
        this.remaining = new AtomicLong(requests == 0 ? Long.MAX_VALUE : requests);
    }

    /** Claims a request whose intended send time is {@code intendedNanos}. */
    Claim claim(long intendedNanos) {
        if (intendedNanos - endNanos >= 0 && endNanos != Long.MAX_VALUE) {
            return Claim.STOP;
        }
        if (intendedNanos - warmupEndNanos < 0) {
            return Claim.WARMUP;
        }
        while (true) {
            long left = remaining.get();
            if (left <= 0) {
                return Claim.STOP;
            }
            if (left == Long.MAX_VALUE || remaining.compareAndSet(left, left - 1)) {
                return Claim.MEASURED;
            }
        }
    }

    /** The nanoTime at which measuring starts. */
    long warmupEndNanos() {
        return warmupEndNanos;
    }

    /** The nanoTime after which no request starts, or {@link Long#MAX_VALUE}. */
    long endNanos() {
        return endNanos;
    }
}
