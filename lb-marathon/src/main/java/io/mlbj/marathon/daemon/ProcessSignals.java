package io.mlbj.marathon.daemon;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * The daemon's POSIX signals: {@code SIGHUP} = re-sync, {@code SIGTERM} and {@code SIGINT} = graceful
 * stop. {@code sun.misc.Signal} is the only JDK way to catch {@code SIGHUP}; where a signal cannot be
 * caught (another OS, or the JVM reserves it) a warning is logged and the JVM default stays.
 */
public final class ProcessSignals {
    private static final Logger log = LoggerFactory.getLogger(ProcessSignals.class);

    private ProcessSignals() {}

    /** Installs the handlers; each runs on the JVM's signal thread, so it must only hand work off. */
    public static void install(Runnable onHup, Runnable onStop) {
        handle("HUP", onHup);
        handle("TERM", onStop);
        handle("INT", onStop);
    }

    private static void handle(String name, Runnable action) {
        try {
            Signal.handle(new Signal(name), s -> action.run());
        } catch (IllegalArgumentException e) {
            log.warn("cannot handle SIG{}: {}", name, e.getMessage());
        }
    }
}
