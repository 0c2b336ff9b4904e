package io.mlbj.bench;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/** Routes the {@code access} logger to a file through an {@code AsyncAppender}, as a deployment's logback config would. */
final class AccessLogFile {
    private AccessLogFile() {}

    /** From now on, access lines go (only) to {@code file}, written by logback's worker thread. */
    static void route(Path file) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> fileAppender = new FileAppender<>();
        fileAppender.setContext(context);
        fileAppender.setFile(file.toString());
        fileAppender.setEncoder(encoder);
        fileAppender.start();
        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.setQueueSize(8192);
        async.setDiscardingThreshold(0);
        async.setNeverBlock(false);
        async.addAppender(fileAppender);
        async.start();
        Logger access = context.getLogger("access");
        access.detachAndStopAllAppenders();
        access.setAdditive(false);
        access.setLevel(Level.INFO);
        access.addAppender(async);
    }
}
