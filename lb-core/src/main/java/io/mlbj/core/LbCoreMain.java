package io.mlbj.core;

import io.mlbj.core.accesslog.AccessLog;
import io.mlbj.core.haproxy.ConfigException;
import io.mlbj.core.routing.ConfigWarning;
import io.mlbj.core.tls.TlsConfigException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point of {@code lb-core.jar}: serves a hand-written haproxy.cfg, re-read when it or a map file
 * it names changes and on SIGHUP; SIGTERM (or SIGINT) drains and exits 0. Exit 2: bad flags; exit 1: the
 * config cannot be served at start (every problem listed as {@code file:line}).
 */
public final class LbCoreMain {
    private static final Logger log = LoggerFactory.getLogger(LbCoreMain.class);

    /** The command line of {@code lb-core.jar}. */
    @Command(name = "lb-core", mixinStandardHelpOptions = true, version = "lb-core 0.1.0",
            description = "Serves an haproxy.cfg (the supported subset) with the Netty proxy engine.",
            sortOptions = false)
    static final class Flags {
        @Option(names = "--config", required = true, paramLabel = "FILE",
                description = "The haproxy.cfg to serve; re-read when it changes and on SIGHUP.")
        Path config;

        @Option(names = "--stats-port", paramLabel = "N", description = "Port of the admin/stats endpoints.")
        Integer statsPort;

        @Option(names = "--strict-config",
                description = "Reject a config with unsupported directives instead of warning.")
        boolean strictConfig;

        @Option(names = "--map-dir", paramLabel = "DIR",
                description = "Read the map files the config names from DIR (by file name) instead of their paths.")
        Path mapDir;

        @Option(names = "--log-level", paramLabel = "LEVEL",
                description = "TRACE, DEBUG, INFO, WARNING (WARN), ERROR or CRITICAL.")
        String logLevel;

        @Option(names = "--tls-provider", paramLabel = "NAME", defaultValue = "auto",
                description = "auto, openssl or jdk (default: ${DEFAULT-VALUE}).")
        String tlsProvider;

        @Option(names = "--io-threads", paramLabel = "N", defaultValue = "0",
                description = "I/O threads; 0 = one per core (default: ${DEFAULT-VALUE}).")
        int ioThreads;

        @Option(names = "--no-server-pooling",
                description = "Open a new server connection for every request (as option http-server-close).")
        boolean noServerPooling;

        @Option(names = "--no-access-log",
                description = "Log no requests, even for frontends with option httplog (logger 'access').")
        boolean noAccessLog;

        @Option(names = "--drain-timeout", paramLabel = "SECONDS", defaultValue = "10",
                description = "How long requests in progress may finish on SIGTERM (default: ${DEFAULT-VALUE}).")
        double drainSeconds;

        @Option(names = "--watch-interval", paramLabel = "MILLIS", defaultValue = "1000",
                description = "How often the config and map files are checked for changes (default: ${DEFAULT-VALUE}).")
        long watchMillis;
    }

    private final PrintWriter out;
    private final PrintWriter err;
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile LoadBalancer lb;
    private volatile ConfigFileReloader reloader;

    /** A launcher writing help to {@code out} and flag/config errors to {@code err}. */
    LbCoreMain(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    /** Runs {@code lb-core} with {@code args} until SIGTERM; exits with the status {@link #run} returns. */
    public static void main(String[] args) {
        NettyDefaults.apply();
        int status = new LbCoreMain(new PrintWriter(System.out, true), new PrintWriter(System.err, true))
                .run(args, true);
        System.exit(status);
    }

    /**
     * Parses {@code args}, serves the config until {@link #stop()} (or SIGTERM/SIGINT when
     * {@code signals} is true; SIGHUP then reloads), drains and returns 0; 2 for bad flags, 1 when the
     * config cannot be served at start.
     */
    int run(String[] args, boolean signals) {
        Flags flags = new Flags();
        CommandLine cl = new CommandLine(flags);
        try {
            cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            return usageError(e.getMessage());
        }
        if (cl.isUsageHelpRequested()) {
            cl.usage(out);
            out.flush();
            return 0;
        }
        if (cl.isVersionHelpRequested()) {
            cl.printVersionHelp(out);
            out.flush();
            return 0;
        }
        LoadBalancerSettings settings;
        try {
            settings = settings(flags);
            if (flags.logLevel != null) {
                LogLevel.set(flags.logLevel);
            }
        } catch (IllegalArgumentException | TlsConfigException e) {
            return usageError(e.getMessage());
        }
        if (signals) {
            // Before anything starts: a SIGHUP or SIGTERM during startup must not kill the JVM outright.
            installSignals();
            HeapBoundNotice.logFor(log);
        }
        try {
            lb = LoadBalancer.start(settings, flags.noAccessLog ? AccessLog.OFF : AccessLog.toSlf4j());
        } catch (TlsConfigException e) {
            return usageError(e.getMessage());
        }
        try {
            Path mapDir = flags.mapDir;
            Function<String, Path> mapLocation = mapDir == null ? Path::of
                    : name -> mapDir.resolve(String.valueOf(Path.of(name).getFileName()));
            reloader = new ConfigFileReloader(lb, flags.config, mapLocation);
            ApplyResult first = reloader.applyNow();
            log.info("{}", first.logLine());
            first.warnings().forEach(w -> log.warn("{}", w));
        } catch (IOException e) {
            return cannotServe("cannot read " + flags.config + ": " + e);
        } catch (ConfigException e) {
            StringBuilder sb = new StringBuilder("config ").append(flags.config).append(" cannot be served (")
                    .append(e.problems().size()).append(e.problems().size() == 1 ? " problem" : " problems").append("):");
            for (ConfigWarning p : e.problems()) {
                sb.append("\n  ").append(p);
            }
            return cannotServe(sb.toString());
        }
        reloader.watch(Duration.ofMillis(flags.watchMillis));
        started.countDown();
        awaitStop();
        log.info("draining for up to {} ms", settings.drainTimeout().toMillis());
        reloader.close();
        lb.close(settings.drainTimeout());
        log.info("stopped");
        return 0;
    }

    private static LoadBalancerSettings settings(Flags flags) {
        if (flags.statsPort != null && (flags.statsPort < 0 || flags.statsPort > 65535)) {
            throw new IllegalArgumentException("--stats-port: " + flags.statsPort + " (expected: 0..65535)");
        }
        if (flags.ioThreads < 0) {
            throw new IllegalArgumentException("--io-threads: " + flags.ioThreads + " (expected: >= 0)");
        }
        if (!(flags.drainSeconds >= 0)) {
            throw new IllegalArgumentException("--drain-timeout: " + flags.drainSeconds + " (expected: >= 0)");
        }
        if (flags.watchMillis < 1) {
            throw new IllegalArgumentException("--watch-interval: " + flags.watchMillis + " (expected: >= 1)");
        }
        String provider = flags.tlsProvider.trim().toLowerCase(Locale.ROOT);
        if (!provider.equals("auto") && !provider.equals("openssl") && !provider.equals("jdk")) {
            throw new IllegalArgumentException("--tls-provider: '" + flags.tlsProvider
                    + "' (expected: auto, openssl or jdk)");
        }
        LoadBalancerSettings s = LoadBalancerSettings.defaults()
                .withIoThreads(flags.ioThreads)
                .withTlsProvider(provider)
                .withStrictConfig(flags.strictConfig)
                .withServerPooling(!flags.noServerPooling)
                .withDrainTimeout(Duration.ofMillis(Math.round(flags.drainSeconds * 1000)));
        return flags.statsPort == null ? s : s.withStatsPort(flags.statsPort);
    }

    private void installSignals() {
        ProcessSignals.handle("HUP", () -> {
            ConfigFileReloader r = reloader;
            if (r != null) {
                r.reload("SIGHUP");
            }
        });
        boolean term = ProcessSignals.handle("TERM", this::stop);
        ProcessSignals.handle("INT", this::stop);
        if (!term) {
            // Without a TERM handler the JVM's own shutdown runs: drain in a hook (exit status 143 then).
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                LoadBalancer l = lb;
                if (l != null) {
                    l.close();
                }
            }, "lb-drain"));
        }
    }

    /** Ends {@link #run}: it drains and returns 0. */
    void stop() {
        stop.countDown();
    }

    /** The running load balancer once the first config is served, or null after {@code timeout}. */
    LoadBalancer awaitStarted(Duration timeout) throws InterruptedException {
        return started.await(timeout.toMillis(), TimeUnit.MILLISECONDS) ? lb : null;
    }

    /** The reloader of the config file once the first config is served. */
    ConfigFileReloader reloader() {
        return reloader;
    }

    private void awaitStop() {
        while (true) {
            try {
                stop.await();
                return;
            } catch (InterruptedException e) {
                // Only stop() or a signal ends the service.
            }
        }
    }

    private int usageError(String reason) {
        err.println("lb-core: " + reason.lines().findFirst().orElse(reason) + " (see --help)");
        err.flush();
        closeQuietly();
        return 2;
    }

    private int cannotServe(String message) {
        err.println("lb-core: " + message);
        err.flush();
        closeQuietly();
        return 1;
    }

    private void closeQuietly() {
        if (reloader != null) {
            reloader.close();
        }
        if (lb != null) {
            lb.close(Duration.ZERO);
        }
    }
}
