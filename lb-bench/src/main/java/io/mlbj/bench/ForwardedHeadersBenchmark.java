package io.mlbj.bench;

import io.mlbj.core.proxy.HttpRequestRouter;
import io.mlbj.core.proxy.NettyRequestView;
import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.BindAddress;
import io.mlbj.core.routing.Frontend;
import io.mlbj.core.routing.ProxyMode;
import io.mlbj.core.routing.RequestView;
import io.mlbj.core.routing.RoutingSnapshot;
import io.mlbj.core.routing.Timeouts;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The X-Forwarded-* rewrite of marathon-lb's HTTP backend: {@code option forwardfor},
 * {@code http-request set-header X-Forwarded-Port %[dst_port]} and
 * {@code http-request add-header X-Forwarded-Proto https if { ssl_fc }}, from the interpreted config, on a
 * frontend whose only rule is its {@code default_backend} (so no route lookup is measured). The headers added
 * are removed after each call, which allocates nothing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ForwardedHeadersBenchmark {
    /** Whether the client connection is TLS (then X-Forwarded-Proto: https is added as well). */
    @Param({"false", "true"})
    public boolean tls;

    private RoutingSnapshot snapshot;
    private Frontend frontend;
    private EmbeddedChannel channel;
    private HttpRequest request;
    private RequestView view;

    @Setup
    public void setUp() {
        RoutingSnapshot one = VhostConfig.snapshot(1, false, 0);
        frontend = new Frontend("fe", List.of(new BindAddress("127.0.0.1", 80)), ProxyMode.HTTP, null, List.of(),
                VhostConfig.backend(0), List.of(), List.of(), Timeouts.MARATHON_LB_DEFAULTS, 0, false);
        snapshot = new RoutingSnapshot(List.of(frontend), one.backends(), "", List.of());
        channel = new EmbeddedChannel();
        request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/index.html?x=1");
        request.headers()
                .add("Host", VhostConfig.host(0))
                .add("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0")
                .add("Accept", "text/html,application/xhtml+xml")
                .add("Accept-Encoding", "gzip, deflate, br")
                .add("Cookie", "session=abc123; theme=dark");
        view = new LoopbackRequestView(new NettyRequestView(request, channel), tls);
        rewrite();
        HttpHeaders h = request.headers();
        String expectedPort = tls ? "443" : "80";
        if (!"127.0.0.1".equals(h.get("X-Forwarded-For")) || !expectedPort.equals(h.get("X-Forwarded-Port"))
                || tls != "https".equals(h.get("X-Forwarded-Proto"))) {
            throw new IllegalStateException("unexpected rewrite: " + h);
        }
    }

    @TearDown
    public void tearDown() {
        channel.finishAndReleaseAll();
    }

    /** Applies the backend's rewrite, then removes what it added. */
    @Benchmark
    public Backend rewrite() {
        HttpHeaders h = request.headers();
        h.remove("X-Forwarded-For");
        h.remove("X-Forwarded-Port");
        h.remove("X-Forwarded-Proto");
        return HttpRequestRouter.route(snapshot, frontend, request, view).backend();
    }
}
