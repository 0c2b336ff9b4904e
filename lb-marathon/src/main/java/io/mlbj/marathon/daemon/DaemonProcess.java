package io.mlbj.marathon.daemon;

import static java.util.Objects.requireNonNull;

import ch.qos.logback.classic.Level;
import io.mlbj.marathon.api.AppsSource;
import io.mlbj.marathon.render.MarathonConfigGenerator;
import io.mlbj.marathon.services.HealthResultCache;
import io.mlbj.marathon.services.HostResolver;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code java -jar lb-marathon.jar [flags]} does once the flags are valid: {@code --dry} prints the
 * config; otherwise the runtime starts, the daemon syncs until {@code SIGTERM}/{@code SIGINT}, then drains.
 */
public final class DaemonProcess implements DaemonCommand.Runner {
    private static final Logger log = LoggerFactory.getLogger(DaemonProcess.class);

    /** Starts the lb-core runtime the daemon feeds. */
    @FunctionalInterface
    public interface RuntimeFactory {
        /** A started runtime serving nothing yet; fails when it cannot start (a port in use, ...). */
        ConfigSink start(DaemonSettings settings) throws Exception;
    }

    private final RuntimeFactory runtimes;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Duration drain;
    private final Consumer<MarathonLbDaemon> onStarted;

    /**
     * A process starting runtimes with {@code runtimes}, printing to {@code out}/{@code err}, draining for
     * {@code drain} on stop, and telling {@code onStarted} about the daemon (e.g. for the stats page).
     */
    public DaemonProcess(RuntimeFactory runtimes, PrintWriter out, PrintWriter err, Duration drain,
            Consumer<MarathonLbDaemon> onStarted) {
        this.runtimes = requireNonNull(runtimes, "runtimes");
        this.out = requireNonNull(out, "out");
        this.err = requireNonNull(err, "err");
        this.drain = requireNonNull(drain, "drain");
        this.onStarted = requireNonNull(onStarted, "onStarted");
    }

    @Override
    public int run(DaemonSettings settings) throws Exception {
        setRootLogLevel(settings.logLevel());
        settings.ignoredFlagWarnings().forEach(log::warn);
        AppsSource source;
        try {
            source = settings.source().open(Clock.systemUTC());
        } catch (RuntimeException e) {
            err.println("lb-marathon: error: " + e.getMessage());
            err.flush();
            return 2;
        }
        if (settings.dry()) {
            return DryRun.print(settings, source, out, err);
        }
        // Handlers first, so a SIGHUP or SIGTERM during startup cannot kill the process.
        CountDownLatch stop = new CountDownLatch(1);
        AtomicReference<MarathonLbDaemon> running = new AtomicReference<>();
        ProcessSignals.install(() -> {
            MarathonLbDaemon d = running.get();
            if (d != null) {
                d.resync();
            }
        }, stop::countDown);
        ConfigSink runtime;
        try {
            settings = new DaemonSettings(DefaultCertificate.ensure(settings.render(),
                    Path.of(System.getProperty("java.io.tmpdir"), "lb-marathon")), settings.source(),
                    settings.lruCacheCapacity(), settings.logLevel(), settings.dry(), settings.ignoredFlagWarnings(),
                    settings.signalSources(), settings.serverPooling(), settings.accessLog());
            runtime = runtimes.start(settings);
        } catch (Exception e) {
            source.stop();
            err.println("lb-marathon: cannot start the load balancer: " + e.getMessage());
            err.flush();
            return 1;
        }
        MarathonLbDaemon daemon = start(settings, source, runtime);
        running.set(daemon);
        onStarted.accept(daemon);
        stop.await();
        log.info("stopping: letting requests in progress finish (up to {} s)", drain.toSeconds());
        daemon.close(drain);
        log.info("stopped");
        return 0;
    }

    /** Wires and starts a daemon: {@code source} → render → {@code runtime}. */
    public static MarathonLbDaemon start(DaemonSettings settings, AppsSource source, ConfigSink runtime) {
        MarathonConfigGenerator generator = new MarathonConfigGenerator(settings.render(), HostResolver.systemDns(),
                new HealthResultCache(settings.lruCacheCapacity()));
        SyncLoop loop = new SyncLoop(generator, runtime, settings.render().haproxyDir(), Clock.systemUTC());
        return new MarathonLbDaemon(source, loop, runtime).start();
    }

    private static void setRootLogLevel(String level) {
        if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(Level.toLevel(level, Level.INFO));
        }
    }
}
