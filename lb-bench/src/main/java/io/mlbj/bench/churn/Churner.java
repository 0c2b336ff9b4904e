package io.mlbj.bench.churn;

import static java.util.Objects.requireNonNull;

import io.mlbj.marathon.emulator.MarathonEmulator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Changes the apps' tasks in Marathon, one change per call of {@link #step()}: scale up, scale down, restart a
 * task (kill, Marathon starts a replacement) or move a task (a new one on a new port first, then the old one
 * killed). Every task it takes away is recorded in {@link RemovedTasks} before Marathon is asked. Runs on one
 * thread (the caller's); the emulator is changed by nothing else.
 */
final class Churner {
    /** The kinds of change. */
    enum Operation { SCALE_UP, SCALE_DOWN, RESTART, MOVE }

    private final MarathonEmulator emulator;
    private final ChurnApps apps;
    private final RemovedTasks removed;
    private final int minInstances;
    private final int maxInstances;
    private final Random random;
    private final Map<Operation, Integer> counts = new TreeMap<>();

    Churner(MarathonEmulator emulator, ChurnApps apps, RemovedTasks removed, ChurnSettings settings) {
        this.emulator = requireNonNull(emulator, "emulator");
        this.apps = requireNonNull(apps, "apps");
        this.removed = requireNonNull(removed, "removed");
        this.minInstances = settings.minInstances();
        this.maxInstances = settings.maxInstances();
        this.random = new Random(settings.seed());
        for (Operation op : Operation.values()) {
            counts.put(op, 0);
        }
    }

    /** Makes one change to a random app; returns what it did. */
    Operation step() {
        String app = apps.id(random.nextInt(apps.count()));
        List<String> tasks = emulator.taskIds(app);
        Operation op = Operation.values()[random.nextInt(Operation.values().length)];
        if (op == Operation.SCALE_UP && tasks.size() >= maxInstances) {
            op = Operation.SCALE_DOWN;
        } else if (op == Operation.SCALE_DOWN && tasks.size() <= minInstances) {
            op = Operation.SCALE_UP;
        } else if (op == Operation.MOVE && tasks.size() >= maxInstances) {
            op = Operation.RESTART;
        }
        switch (op) {
            case SCALE_UP -> emulator.scaleApp(app, tasks.size() + 1);
            case SCALE_DOWN -> {
                // the emulator, like Marathon's default kill selection here, stops the newest task
                removed.add(tasks.get(tasks.size() - 1));
                emulator.scaleApp(app, tasks.size() - 1);
            }
            case RESTART -> {
                String victim = tasks.get(random.nextInt(tasks.size()));
                removed.add(victim);
                emulator.killTask(app, victim, false);
            }
            case MOVE -> {
                String victim = tasks.get(random.nextInt(tasks.size()));
                emulator.scaleApp(app, tasks.size() + 1);
                removed.add(victim);
                emulator.killTask(app, victim, true);
            }
        }
        counts.merge(op, 1, Integer::sum);
        return op;
    }

    /** How many changes of each kind were made. */
    Map<Operation, Integer> counts() {
        return Map.copyOf(counts);
    }
}
