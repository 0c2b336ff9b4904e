package io.mlbj.bench.churn;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tasks the churner has removed (killed or scaled away), recorded before Marathon is asked, so a client
 * that loses its server can tell an expected move from a broken promise.
 */
final class RemovedTasks {
    private final Set<String> ids = ConcurrentHashMap.newKeySet();

    /** Records that {@code taskId} is about to be removed. */
    void add(String taskId) {
        ids.add(taskId);
    }

    /** Whether {@code taskId} was removed (or is being removed). */
    boolean contains(String taskId) {
        return ids.contains(taskId);
    }

    /** How many tasks were removed. */
    int size() {
        return ids.size();
    }
}
