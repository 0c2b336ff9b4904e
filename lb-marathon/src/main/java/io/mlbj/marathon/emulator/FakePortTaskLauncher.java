package io.mlbj.marathon.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Launches nothing: each task gets fresh port numbers on 127.0.0.1 from Mesos' usual 31000 range. */
public final class FakePortTaskLauncher implements TaskLauncher {
    private final AtomicInteger nextPort = new AtomicInteger(31000);

    @Override
    public LaunchedTask launch(String appId, String taskId, int portCount) {
        List<Integer> ports = new ArrayList<>(portCount);
        for (int i = 0; i < portCount; i++) {
            ports.add(nextPort.getAndUpdate(p -> p >= 32000 ? 31000 : p + 1));
        }
        return new LaunchedTask("127.0.0.1", ports, "127.0.0.1");
    }

    @Override
    public void kill(String taskId) {
        // nothing was started
    }
}
