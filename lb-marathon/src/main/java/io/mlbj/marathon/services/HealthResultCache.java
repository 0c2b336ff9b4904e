package io.mlbj.marathon.services;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last health verdict per task id, kept between regenerations (marathon-lb's LRU
 * {@code healthCheckResultCache}): a task listed without {@code healthCheckResults} keeps its last verdict.
 */
public final class HealthResultCache {
    private final Map<String, Boolean> lastAlive;

    /** A cache holding at most {@code capacity} task ids (marathon-lb's {@code --lru-cache-capacity}, default 1000). */
    public HealthResultCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: >= 1)");
        }
        this.lastAlive = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The last verdict for {@code taskId}, {@code false} if unknown. */
    public synchronized boolean wasAlive(String taskId) {
        Boolean v = lastAlive.get(taskId);
        return v != null && v;
    }

    /** Records the verdict for {@code taskId}. */
    public synchronized void record(String taskId, boolean alive) {
        lastAlive.put(taskId, alive);
    }
}
