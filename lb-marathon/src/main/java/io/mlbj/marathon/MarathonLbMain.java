package io.mlbj.marathon;

/** Entry point of {@code lb-marathon.jar}: the marathon-lb-compatible daemon. */
public final class MarathonLbMain {
    private MarathonLbMain() {}

    public static void main(String[] args) {
        System.err.println("lb-marathon: not wired yet");
        System.exit(2);
    }
}
