package io.mlbj.marathon.daemon;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.ApplyResult;
import io.mlbj.core.LoadBalancer;
import io.mlbj.core.LoadBalancerSettings;
import io.mlbj.core.haproxy.ConfigException;
import io.mlbj.core.haproxy.MapFileReader;
import java.time.Duration;

/** The lb-core runtime as the daemon's {@link ConfigSink}: every config goes to {@link LoadBalancer#apply}. */
public final class LoadBalancerSink implements ConfigSink {
    private final LoadBalancer loadBalancer;

    /** A sink over a started load balancer, which it owns from now on. */
    public LoadBalancerSink(LoadBalancer loadBalancer) {
        this.loadBalancer = requireNonNull(loadBalancer, "loadBalancer");
    }

    /** Starts a load balancer with marathon-lb's defaults (pooling, 10 s drain, certificate files watched). */
    public static LoadBalancerSink start(DaemonSettings settings) {
        requireNonNull(settings, "settings");
        return new LoadBalancerSink(LoadBalancer.start(LoadBalancerSettings.defaults()));
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
    public void close(Duration drain) {
        loadBalancer.close(drain);
    }
}
