package io.mlbj.bench.churn;

import static java.util.Objects.requireNonNull;

import io.mlbj.marathon.demo.SessionEchoTaskLauncher;
import io.mlbj.marathon.emulator.MarathonEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import org.HdrHistogram.Histogram;

/**
 * One churn run: the Marathon emulator (tasks are servlet-like session servers, killed with a grace period),
 * the load balancer under test following it, sticky users on every app, and the churner changing a task every
 * interval; the result counts what the users saw.
 *
 * <p>Timeline: the apps are deployed and answer; the users start; the churner starts; resources are sampled
 * at 10 % ({@code start}, once lazily started pools run), 50 % ({@code middle}) and 100 % ({@code end}) of
 * the churn; the load goes on for the kill grace period plus one second (the last killed tasks close); the
 * users stop; a last sample ({@code after}) is taken at rest.
 */
public final class ChurnRun {
    private static final String TARGET_HOST = "churn.test";

    private final ChurnSettings settings;
    private final int servicePortBase;
    private final BiFunction<String, ChurnApps, ChurnTarget> targets;

    /**
     * A run of {@code settings} against the target {@code targets} starts for the emulator's URL and the apps;
     * {@code servicePortBase} 0 gives each app an ephemeral port, else app {@code i} gets {@code base + i}.
     */
    public ChurnRun(ChurnSettings settings, int servicePortBase, BiFunction<String, ChurnApps, ChurnTarget> targets) {
        this.settings = requireNonNull(settings, "settings");
        this.servicePortBase = servicePortBase;
        this.targets = requireNonNull(targets, "targets");
    }

    /** A run against our load balancer in this JVM. */
    public static ChurnRun ownLoadBalancer(ChurnSettings settings) {
        return new ChurnRun(settings, 0, OwnLoadBalancerTarget::new);
    }

    /** Runs and returns the figures. */
    public ChurnResult run() throws InterruptedException {
        ChurnApps apps = new ChurnApps(settings.apps());
        try (SessionEchoTaskLauncher launcher = new SessionEchoTaskLauncher(null);
             MarathonEmulator emulator = new MarathonEmulator(MarathonEmulator.Options.defaults().withLauncher(launcher))) {
            emulator.start();
            emulator.killGracePeriod(settings.killGracePeriod());
            int initial = Math.min(settings.maxInstances(), settings.minInstances() + 1);
            for (int i = 0; i < apps.count(); i++) {
                emulator.createApp(apps.definition(i, servicePortBase == 0 ? 0 : servicePortBase + i, initial));
            }
            try (ChurnTarget target = targets.apply(emulator.url(), apps)) {
                List<InetSocketAddress> frontends = new ArrayList<>();
                for (int i = 0; i < apps.count(); i++) {
                    frontends.add(target.frontend(i));
                    awaitServing(frontends.get(i));
                }
                return load(emulator, apps, target, frontends);
            }
        }
    }

    private ChurnResult load(MarathonEmulator emulator, ChurnApps apps, ChurnTarget target,
            List<InetSocketAddress> frontends) throws InterruptedException {
        RemovedTasks removed = new RemovedTasks();
        ChurnCounters counters = new ChurnCounters();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> users = new ArrayList<>();
        for (int i = 0; i < apps.count(); i++) {
            for (int u = 0; u < settings.usersPerApp(); u++) {
                StickyUser user = new StickyUser(frontends.get(i), TARGET_HOST, "/app" + i + "/user" + u + "/",
                        apps.id(i), apps.stickyCookie(i), removed, counters, running::get);
                Thread t = new Thread(user, "churn-user-" + i + "-" + u);
                t.setDaemon(true);
                users.add(t);
            }
        }
        long loadStart = System.nanoTime();
        users.forEach(Thread::start);

        Churner churner = new Churner(emulator, apps, removed, settings);
        AtomicReference<Throwable> churnFailure = new AtomicReference<>();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "churner");
            t.setDaemon(true);
            return t;
        });
        long changesBefore = target.routingChanges();
        double loadStartAverage = loadAverage();
        List<ResourceSample> samples = new ArrayList<>();
        long interval = settings.changeInterval().toNanos();
        ScheduledFuture<?> churning = timer.scheduleAtFixedRate(() -> {
            try {
                churner.step();
            } catch (RuntimeException e) {
                churnFailure.compareAndSet(null, e);
                throw e;
            }
        }, interval, interval, TimeUnit.NANOSECONDS);
        long duration = settings.duration().toMillis();
        Thread.sleep(duration / 10);
        samples.add(target.sample("start"));
        Thread.sleep(duration / 2 - duration / 10);
        samples.add(target.sample("middle"));
        Thread.sleep(duration - duration / 2);
        churning.cancel(false);
        timer.shutdown();
        timer.awaitTermination(30, TimeUnit.SECONDS);
        samples.add(target.sample("end"));
        long routingChanges = target.routingChanges() - changesBefore;
        double loadEndAverage = loadAverage();
        Thread.sleep(settings.killGracePeriod().toMillis() + 1000);
        running.set(false);
        for (Thread t : users) {
            t.join(TimeUnit.SECONDS.toMillis(30));
        }
        double seconds = (System.nanoTime() - loadStart) / 1e9;
        samples.add(target.sample("after"));
        if (churnFailure.get() != null) {
            throw new IllegalStateException("the churner failed: " + churnFailure.get(), churnFailure.get());
        }
        Map<String, Integer> operations = new TreeMap<>();
        churner.counts().forEach((op, n) -> operations.put(op.name().toLowerCase(java.util.Locale.ROOT), n));
        return new ChurnResult(ChurnResult.FORMAT, target.name(), settings, List.of(loadStartAverage, loadEndAverage),
                seconds, requestCounts(counters), counters.failureKinds(), counters.failureSamples(), operations,
                removed.size(), routingChanges, percentiles(counters.latency()), samples);
    }

    private static Map<String, Long> requestCounts(ChurnCounters c) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("requests", c.requests.sum());
        m.put("ok", c.ok.sum());
        m.put("failedHealthy", c.failedHealthy.sum());
        m.put("failedRemoved", c.failedRemoved.sum());
        m.put("failedUnbound", c.failedUnbound.sum());
        m.put("retriedOnReusedConnection", c.retriedOnReusedConnection.sum());
        m.put("retriedAfterKeepAliveTimeout", c.retriedAfterKeepAliveTimeout.sum());
        m.put("balanced", c.balanced.sum());
        m.put("stickyKept", c.stickyKept.sum());
        m.put("movedFromSurvivor", c.movedFromSurvivor.sum());
        m.put("movedFromRemoved", c.movedFromRemoved.sum());
        m.put("movedWithoutNewCookie", c.movedWithoutNewCookie.sum());
        m.put("sessionLost", c.sessionLost.sum());
        m.put("identityMismatch", c.identityMismatch.sum());
        return m;
    }

    private static Map<String, Double> percentiles(Histogram micros) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("p50", micros.getValueAtPercentile(50) / 1000.0);
        m.put("p90", micros.getValueAtPercentile(90) / 1000.0);
        m.put("p99", micros.getValueAtPercentile(99) / 1000.0);
        m.put("p99_9", micros.getValueAtPercentile(99.9) / 1000.0);
        m.put("max", micros.getMaxValue() / 1000.0);
        return m;
    }

    /** The machine's 1-minute load average, or -1 where {@code /proc/loadavg} is missing. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Waits (up to 30 s) until a plain GET through {@code frontend} is answered 200. */
    private static void awaitServing(InetSocketAddress frontend) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String last = "no answer";
        while (System.nanoTime() - deadline < 0) {
            try (Socket s = new Socket()) {
                s.setSoTimeout(5000);
                s.connect(frontend, 5000);
                OutputStream out = s.getOutputStream();
                out.write(("GET /ready HTTP/1.1\r\nHost: " + TARGET_HOST + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                InputStream in = s.getInputStream();
                StickyUser.Response r = StickyUser.Response.read(in);
                if (r.status() == 200) {
                    return;
                }
                last = "status " + r.status();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(frontend + " did not answer 200 within 30 s: " + last);
    }
}
