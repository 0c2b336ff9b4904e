package io.mlbj.core;

import static java.util.Objects.requireNonNull;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSIX signal handlers through {@code sun.misc.Signal} (the JDK's supported-but-internal API); where a
 * signal or that API is unavailable the handler is not installed and the caller falls back.
 */
@SuppressWarnings("restriction")
final class ProcessSignals {
    private static final Logger log = LoggerFactory.getLogger(ProcessSignals.class);

    private ProcessSignals() {}

    /** Runs {@code action} on a JVM signal thread when signal {@code name} ({@code HUP}, {@code TERM}) arrives; false when it cannot. */
    static boolean handle(String name, Runnable action) {
        requireNonNull(name, "name");
        requireNonNull(action, "action");
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> action.run());
            return true;
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            log.warn("cannot handle SIG{} here ({})", name, e.toString());
            return false;
        }
    }
}
