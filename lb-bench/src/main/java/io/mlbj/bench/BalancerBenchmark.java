package io.mlbj.bench;

import io.mlbj.core.balance.Balancer;
import io.mlbj.core.balance.Balancers;
import io.mlbj.core.balance.ServerStatus;
import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.Balance;
import io.mlbj.core.routing.ProxyMode;
import io.mlbj.core.routing.RequestView;
import io.mlbj.core.routing.Server;
import io.mlbj.core.routing.Timeouts;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** {@link Balancer#choose} of the balancing algorithms, all servers up. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BalancerBenchmark {
    @Param({"roundrobin", "static-rr", "leastconn", "source"})
    String algorithm;

    @Param({"10"})
    int servers;

    private Balancer balancer;
    private final RequestView request = new FixedRequest();

    @Setup
    public void setUp() {
        List<Server> list = new ArrayList<>();
        for (int i = 0; i < servers; i++) {
            list.add(new Server("s" + i, "10.0.0." + (i + 1), 8080, i + 1, 1 + i % 3, null, false, null, null, 0));
        }
        Balance.Algorithm chosen = null;
        for (Balance.Algorithm a : Balance.Algorithm.values()) {
            if (a.haproxyName().equals(algorithm)) {
                chosen = a;
            }
        }
        Backend backend = new Backend("bench", ProxyMode.HTTP, new Balance(chosen, null), null, list, false, false,
                true, 3, List.of(), List.of(), Timeouts.MARATHON_LB_DEFAULTS);
        balancer = Balancers.forBackend(backend);
    }

    /** One pick. */
    @Benchmark
    public Server choose() {
        return balancer.choose(request, ServerStatus.ALL_UP, null);
    }

    /** A request from 192.0.2.7 for {@code /}. */
    static final class FixedRequest implements RequestView {
        private final InetAddress client;

        FixedRequest() {
            try {
                client = InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 7});
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String header(String name) {
            return null;
        }

        @Override
        public String path() {
            return "/";
        }

        @Override
        public String uri() {
            return "/";
        }

        @Override
        public String sni() {
            return null;
        }

        @Override
        public boolean isTls() {
            return false;
        }

        @Override
        public InetAddress clientAddress() {
            return client;
        }

        @Override
        public int frontendPort() {
            return 80;
        }
    }
}
