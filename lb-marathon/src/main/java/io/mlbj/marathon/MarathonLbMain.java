package io.mlbj.marathon;

import io.mlbj.core.demo.CoreDemo;
import java.util.Arrays;

/** Entry point of {@code lb-marathon.jar}: the marathon-lb-compatible daemon. */
public final class MarathonLbMain {
    private MarathonLbMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("demo")) {
            // Until the Marathon emulator exists, the demo is the engine's own (echo backends behind the LB).
            CoreDemo.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.err.println("lb-marathon: not wired yet");
        System.exit(2);
    }
}
