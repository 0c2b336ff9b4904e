package io.mlbj.marathon.daemon;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.ApplyResult;
import io.mlbj.core.LoadBalancer;
import io.mlbj.core.LoadBalancerSettings;
import io.mlbj.core.accesslog.AccessLog;
import io.mlbj.core.admin.AdminOptions;
import io.mlbj.core.admin.LbMetrics;
import io.mlbj.core.haproxy.ConfigException;
import io.mlbj.core.haproxy.MapFileReader;
import java.time.Duration;

/** The lb-core runtime as the daemon's {@link ConfigSink}: every config goes to {@link LoadBalancer#apply}. */
public final class LoadBalancerSink implements ConfigSink {
    private final LoadBalancer loadBalancer;
    private final DaemonAdminHooks hooks;
    // Touched only by the apps source's thread (syncs happen one at a time).
    private MarathonLbDaemon daemon;
    private long reconnectsSeen;

    /** A sink over a started load balancer, which it owns from now on. */
    public LoadBalancerSink(LoadBalancer loadBalancer) {
        this(loadBalancer, new DaemonAdminHooks());
    }

    private LoadBalancerSink(LoadBalancer loadBalancer, DaemonAdminHooks hooks) {
        this.loadBalancer = requireNonNull(loadBalancer, "loadBalancer");
        this.hooks = hooks;
    }

    /** Starts a load balancer with marathon-lb's defaults (pooling, 10 s drain, certificate files watched). */
    public static LoadBalancerSink start(DaemonSettings settings) {
        requireNonNull(settings, "settings");
        DaemonAdminHooks hooks = new DaemonAdminHooks();
        AdminOptions admin = AdminOptions.DEFAULTS.withHooks(hooks).withSignalSources(settings.signalSources());
        return new LoadBalancerSink(LoadBalancer.start(LoadBalancerSettings.defaults().withAdmin(admin)
                .withServerPooling(settings.serverPooling()), settings.accessLog() ? AccessLog.toSlf4j() : AccessLog.OFF),
                hooks);
    }

    /** The load balancer (bound addresses, routing table, server counts). */
    public LoadBalancer loadBalancer() {
        return loadBalancer;
    }

    @Override
    public AppliedConfig apply(String configText, String sourceName, MapFileReader maps) throws ConfigException {
        ApplyResult result = loadBalancer.apply(configText, sourceName, maps);
        return new AppliedConfig(result.changed(), loadBalancer.current());
    }

    @Override
    public void attach(MarathonLbDaemon running) {
        daemon = running;
        hooks.attach(running);
    }

    @Override
    public void synced(boolean ok, Duration took) {
        LbMetrics metrics = loadBalancer.server().metrics();
        metrics.recordMarathonSync(ok, took);
        // Every stream reconnect is followed by a re-sync, so counting them here misses none.
        if (daemon != null) {
            long reconnects = daemon.sourceStatus().reconnects();
            for (; reconnectsSeen < reconnects; reconnectsSeen++) {
                metrics.recordSseReconnect();
            }
        }
    }

    @Override
    public void close(Duration drain) {
        loadBalancer.close(drain);
    }
}
