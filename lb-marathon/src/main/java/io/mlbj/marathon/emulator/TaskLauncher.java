package io.mlbj.marathon.emulator;

/**
 * Starts and stops what the emulator's tasks stand for: real backends in the demo and in
 * end-to-end tests, or nothing at all ({@link FakePortTaskLauncher}).
 */
public interface TaskLauncher {

    /** Launches one task of {@code appId} needing {@code portCount} host ports. */
    LaunchedTask launch(String appId, String taskId, int portCount);

    /** Stops a task launched earlier; unknown ids are ignored. */
    void kill(String taskId);
}
