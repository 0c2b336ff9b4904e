package io.mlbj.bench;

import io.mlbj.core.proxy.HopByHopHeaders;
import io.mlbj.core.proxy.HttpRequestRouter;
import io.mlbj.core.proxy.NettyRequestView;
import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.Balance;
import io.mlbj.core.routing.BackendSelector;
import io.mlbj.core.routing.BindAddress;
import io.mlbj.core.routing.Frontend;
import io.mlbj.core.routing.HttpAction;
import io.mlbj.core.routing.HttpRule;
import io.mlbj.core.routing.LogFormat;
import io.mlbj.core.routing.ProxyMode;
import io.mlbj.core.routing.RequestCondition;
import io.mlbj.core.routing.RequestView;
import io.mlbj.core.routing.RouteRule;
import io.mlbj.core.routing.RoutingSnapshot;
import io.mlbj.core.routing.Server;
import io.mlbj.core.routing.Timeouts;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-request routing step of the forwarding path: marathon-lb's vhost {@code use_backend} rules
 * (Host ACLs, first match wins), its default backend options ({@code forwardfor}, {@code X-Forwarded-Port},
 * {@code X-Forwarded-Proto}) and hop-by-hop stripping, on a typical browser request.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HttpRequestRouterBenchmark {
    /** Number of virtual hosts (use_backend rules) on the frontend; the request matches the last one. */
    @Param({"1", "10", "100"})
    public int vhosts;

    private RoutingSnapshot snapshot;
    private Frontend frontend;
    private EmbeddedChannel channel;
    private String host;

    @Setup
    public void setUp() {
        LogFormat dstPort = new LogFormat(
                List.of(new LogFormat.Fetch("dst_port", r -> Integer.toString(r.frontendPort()))), "%[dst_port]");
        List<HttpRule> backendRules = List.of(
                new HttpRule(new HttpAction.SetHeader("X-Forwarded-Port", dstPort), RequestCondition.ALWAYS, "set"),
                new HttpRule(new HttpAction.AddHeader("X-Forwarded-Proto", LogFormat.literal("https")),
                        r -> r.isTls(), "add"));
        Map<String, Backend> backends = new LinkedHashMap<>();
        List<RouteRule> rules = new ArrayList<>();
        for (int i = 0; i < vhosts; i++) {
            String name = "app" + i + "_10000";
            String vhost = "app" + i + ".example.com";
            backends.put(name, new Backend(name, ProxyMode.HTTP, Balance.ROUNDROBIN, null,
                    List.of(new Server("s", "10.0.0.1", 31000 + i, 0, 1, null, false, null, null, 0)),
                    true, false, true, 3, backendRules, List.of(), Timeouts.MARATHON_LB_DEFAULTS));
            rules.add(new RouteRule(r -> vhost.equalsIgnoreCase(r.header("Host")), BackendSelector.fixed(name),
                    "use_backend " + name + " if host_" + i));
            host = vhost;
        }
        frontend = new Frontend("marathon_http_in", List.of(new BindAddress("*", 80)), ProxyMode.HTTP, null, rules, null,
                List.of(), List.of(), Timeouts.MARATHON_LB_DEFAULTS, 0, false);
        snapshot = new RoutingSnapshot(List.of(frontend), backends, "", List.of());
        channel = new EmbeddedChannel();
    }

    @TearDown
    public void tearDown() {
        channel.finishAndReleaseAll();
    }

    /** Builds the request head a browser sends, then routes and rewrites it. */
    @Benchmark
    public Backend routeAndRewrite() {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/index.html?x=1");
        request.headers()
                .add("Host", host)
                .add("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0")
                .add("Accept", "text/html,application/xhtml+xml")
                .add("Accept-Encoding", "gzip, deflate, br")
                .add("Connection", "keep-alive")
                .add("Cookie", "session=abc123; theme=dark");
        RequestView view = new LoopbackRequestView(new NettyRequestView(request, channel), false);
        HttpRequestRouter.Decision d = HttpRequestRouter.route(snapshot, frontend, request, view);
        HopByHopHeaders.strip(request.headers(), false);
        return d.backend();
    }
}
