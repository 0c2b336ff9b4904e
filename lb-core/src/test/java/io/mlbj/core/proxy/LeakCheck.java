package io.mlbj.core.proxy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * Turns Netty's leak reports (logged by {@link ResourceLeakDetector} under paranoid detection) into a test
 * failure: {@link #start()} listens to the detector's logger, {@link #leaks()} collects garbage and allocates
 * so the detector reports what was lost, then returns the reports.
 */
public final class LeakCheck implements AutoCloseable {
    private final Logger logger = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LeakCheck() {
        appender.start();
        logger.addAppender(appender);
    }

    /** Starts listening for leak reports. */
    public static LeakCheck start() {
        return new LeakCheck();
    }

    /** Leak reports so far, after giving the detector a chance to find unreleased buffers. */
    public List<String> leaks() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
            for (int k = 0; k < 200; k++) {
                ByteBuf b = PooledByteBufAllocator.DEFAULT.directBuffer(16);
                b.release();
            }
        }
        return appender.list.stream()
                .map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains("LEAK"))
                .collect(Collectors.toList());
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
