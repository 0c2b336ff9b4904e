package io.mlbj.core;

/** Entry point of {@code lb-core.jar}: serves a hand-written haproxy.cfg. */
public final class LbCoreMain {
    private LbCoreMain() {}

    public static void main(String[] args) {
        System.err.println("lb-core: not wired yet");
        System.exit(2);
    }
}
