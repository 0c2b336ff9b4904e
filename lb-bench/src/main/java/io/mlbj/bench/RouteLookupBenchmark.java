package io.mlbj.bench;

import io.mlbj.core.balance.Balancers;
import io.mlbj.core.proxy.HttpRequestRouter;
import io.mlbj.core.proxy.LocalServices;
import io.mlbj.core.proxy.RouteIndex;
import io.mlbj.core.proxy.NettyRequestView;
import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.Frontend;
import io.mlbj.core.routing.RequestView;
import io.mlbj.core.routing.RoutingSnapshot;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
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
 * Route lookup among 10,000 vhosts on marathon-lb's HTTP frontend, through the interpreted config, in both of
 * marathon-lb's styles: one Host ACL and {@code use_backend} per app (evaluated in order, as HAProxy does) and
 * the {@code domain2backend.map} lookup of {@code --haproxy-map}. Each operation is a whole
 * {@link HttpRequestRouter#route} of a prebuilt request, so it includes the backend's X-Forwarded-* rewrite
 * (measured alone by {@link ForwardedHeadersBenchmark}); the headers it adds are removed after each call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RouteLookupBenchmark {
    /** Number of apps, each with its own vhost and backend. */
    @Param({"10000"})
    public int vhosts;

    /** {@code acl}: one ACL + use_backend per vhost; {@code map}: marathon-lb's {@code --haproxy-map}. */
    @Param({"acl", "map"})
    public String style;

    /** Which vhost the request names: the {@code first} rule or the {@code last} one. */
    @Param({"first", "last"})
    public String position;

    /**
     * {@code indexed}: the proxy's way, the {@code use_backend} rules looked up in the {@link RouteIndex} of the
     * snapshot; {@code linear}: every rule evaluated in order (the reference the index must agree with).
     */
    @Param({"indexed", "linear"})
    public String lookup;

    private RouteIndex index;

    private RoutingSnapshot snapshot;
    private Frontend frontend;
    private EmbeddedChannel channel;
    private HttpRequest request;
    private RequestView view;

    @Setup
    public void setUp() {
        snapshot = VhostConfig.snapshot(vhosts, style.equals("map"), 0);
        frontend = snapshot.frontends().get(0);
        index = new RouteIndex(snapshot, Balancers::forBackend);
        channel = new EmbeddedChannel();
        request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/index.html?x=1");
        request.headers()
                .add("Host", VhostConfig.host(position.equals("first") ? 0 : vhosts - 1))
                .add("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0")
                .add("Accept", "text/html,application/xhtml+xml")
                .add("Accept-Encoding", "gzip, deflate, br")
                .add("Cookie", "session=abc123; theme=dark");
        view = new LoopbackRequestView(new NettyRequestView(request, channel), false);
        Backend expected = snapshot.backend(VhostConfig.backend(position.equals("first") ? 0 : vhosts - 1));
        if (route() != expected) {
            throw new IllegalStateException("the request was not routed to " + expected.name());
        }
    }

    @TearDown
    public void tearDown() {
        channel.finishAndReleaseAll();
    }

    /** Routes the request and undoes the headers the backend's rules added. */
    @Benchmark
    public Backend route() {
        HttpRequestRouter.Decision d = lookup.equals("indexed")
                ? HttpRequestRouter.route(index, frontend, request, view, LocalServices.NONE)
                : HttpRequestRouter.route(snapshot, frontend, request, view);
        HttpHeaders h = request.headers();
        h.remove("X-Forwarded-For");
        h.remove("X-Forwarded-Port");
        return d.backend();
    }
}
