package io.mlbj.core.accesslog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where finished requests are logged: the SLF4J logger {@code access} at INFO, or nowhere when off
 * ({@link #OFF}). The engine calls {@link #log} once per request after the response ended.
 */
public interface AccessLog {
    /** Logs nothing. */
    AccessLog OFF = entry -> { };

    /** Logs one request. */
    void log(HttpLogEntry entry);

    /** Logs one TCP-mode connection ({@code option tcplog}); nothing by default. */
    default void log(TcpLogEntry entry) {
    }

    /** Whether a call to {@link #log} has any effect (so the caller can skip building the entry). */
    default boolean enabled() {
        return this != OFF;
    }

    /** Lines in httplog format to the {@code access} logger (route it with logback's configuration). */
    static AccessLog toSlf4j() {
        Logger logger = LoggerFactory.getLogger("access");
        return new AccessLog() {
            @Override
            public void log(HttpLogEntry entry) {
                if (logger.isInfoEnabled()) {
                    logger.info(entry.format());
                }
            }

            @Override
            public void log(TcpLogEntry entry) {
                if (logger.isInfoEnabled()) {
                    logger.info(entry.format());
                }
            }
        };
    }
}
