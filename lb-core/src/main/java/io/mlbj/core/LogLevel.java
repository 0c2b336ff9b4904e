package io.mlbj.core;

import java.util.Locale;
import org.slf4j.LoggerFactory;

/** The {@code --log-level} flag: marathon-lb's level names applied to the root logger (Logback). */
final class LogLevel {
    private LogLevel() {}

    /** Sets the root level to {@code name}; an unknown name is an {@link IllegalArgumentException}. */
    static void set(String name) {
        String level = switch (name.trim().toUpperCase(Locale.ROOT)) {
            case "TRACE" -> "TRACE";
            case "DEBUG" -> "DEBUG";
            case "INFO" -> "INFO";
            case "WARN", "WARNING" -> "WARN";
            case "ERROR", "CRITICAL", "FATAL" -> "ERROR";
            default -> throw new IllegalArgumentException(
                    "--log-level: '" + name + "' (expected: TRACE, DEBUG, INFO, WARNING, ERROR or CRITICAL)");
        };
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.toLevel(level));
        }
    }
}
