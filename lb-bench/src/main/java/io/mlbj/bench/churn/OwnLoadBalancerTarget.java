package io.mlbj.bench.churn;

import io.mlbj.core.routing.BindAddress;
import io.mlbj.marathon.api.AppsSource;
import io.mlbj.marathon.daemon.DaemonProcess;
import io.mlbj.marathon.daemon.DaemonSettings;
import io.mlbj.marathon.daemon.LoadBalancerSink;
import io.mlbj.marathon.daemon.MarathonLbDaemon;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Our daemon in this JVM, started from the command line a user would type ({@code --marathon <emulator> --sse
 * --group churn}), following the emulator over HTTP and its event stream; every listener on an ephemeral port.
 * Its figures are this JVM's (load balancer, emulator, tasks and clients together), so growth anywhere shows.
 */
final class OwnLoadBalancerTarget implements ChurnTarget {
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final ChurnApps apps;
    private final LoadBalancerSink runtime;
    private final MarathonLbDaemon daemon;

    OwnLoadBalancerTarget(String marathonUrl, ChurnApps apps) {
        this.apps = apps;
        DaemonSettings settings = ChurnTarget.daemonSettings("--marathon", marathonUrl, "--sse", "--group", ChurnApps.GROUP,
                "--dont-bind-http-https", "--stats-port", "0", "--appid-port", "0", "--bind-address", "127.0.0.1",
                "--log-level", "WARNING");
        AppsSource source = settings.source().open(Clock.systemUTC());
        runtime = LoadBalancerSink.start(settings);
        daemon = DaemonProcess.start(settings, source, runtime);
    }

    @Override
    public String name() {
        return "mlbj";
    }

    @Override
    public InetSocketAddress frontend(int index) {
        BindAddress bind = new BindAddress(apps.bindAddress(index), 0);
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (System.nanoTime() - deadline < 0) {
            InetSocketAddress bound = runtime.loadBalancer().boundAddress(bind);
            if (bound != null) {
                return bound;
            }
            sleep();
        }
        throw new IllegalStateException("no listener on " + apps.bindAddress(index) + " after 30 s; last sync: "
                + daemon.syncStatus());
    }

    @Override
    public long routingChanges() {
        return daemon.syncStatus().changes();
    }

    @Override
    public ResourceSample sample(String at) {
        return ResourceSample.ofThisJvm(at);
    }

    @Override
    public void close() {
        daemon.close(Duration.ofSeconds(1));
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a listener", e);
        }
    }
}
