package io.mlbj.core.proxy;

import static io.mlbj.core.proxy.Fixtures.LONG;
import static io.mlbj.core.proxy.Fixtures.backend;
import static io.mlbj.core.proxy.Fixtures.frontend;
import static io.mlbj.core.proxy.Fixtures.localPort0;
import static io.mlbj.core.proxy.Fixtures.server;
import static io.mlbj.core.proxy.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.Frontend;
import io.mlbj.core.routing.HttpAction;
import io.mlbj.core.routing.HttpRule;
import io.mlbj.core.routing.ProxyMode;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a request goes, through a prepared index: a backend, or an answer made here. */
class HttpRequestRouterTest {
    private static HttpRequestRouter.Decision route(RouteIndex index, Frontend fe, String uri) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
        r.headers().add("Host", "x");
        return HttpRequestRouter.route(index, fe, r, new NettyRequestView(r, new EmbeddedChannel()), LocalServices.NONE);
    }

    @Test
    void requestsForwardedToABackendShareTheDecisionItsIndexMade() {
        Backend be = backend("be", LONG, server("a", 1));
        Frontend fe = frontend("fe", localPort0(), ProxyMode.HTTP, "be", LONG, List.of(), List.of());
        RouteIndex index = new RouteIndex(snapshot(List.of(fe), be), TestRoundRobin::new);
        HttpRequestRouter.Decision first = route(index, fe, "/one");
        assertThat(first.backend()).isSameAs(be);
        assertThat(first.answer()).isNull();
        assertThat(route(index, fe, "/two")).isSameAs(first);
        // A new snapshot's index makes its own.
        RouteIndex next = new RouteIndex(snapshot(List.of(fe), be), TestRoundRobin::new);
        assertThat(route(next, fe, "/three")).isNotSameAs(first).isEqualTo(first);
    }

    @Test
    void aRequestARuleAnswersGetsItsOwnAnswer() {
        HttpRule deny = new HttpRule(new HttpAction.Deny(403), view -> view.path().startsWith("/private"), "deny");
        Backend be = backend("be", ProxyMode.HTTP, LONG, false, List.of(deny), server("a", 1));
        Frontend fe = frontend("fe", localPort0(), ProxyMode.HTTP, "be", LONG, List.of(), List.of());
        RouteIndex index = new RouteIndex(snapshot(List.of(fe), be), TestRoundRobin::new);
        HttpRequestRouter.Decision denied = route(index, fe, "/private/x");
        assertThat(denied.backend()).isNull();
        assertThat(denied.answer().status().code()).isEqualTo(403);
        denied.answer().release();
        assertThat(route(index, fe, "/public").backend()).isSameAs(be);
        Frontend nowhere = frontend("fe", localPort0(), ProxyMode.HTTP, null, LONG, List.of(), List.of()); // no default_backend
        HttpRequestRouter.Decision unavailable = route(new RouteIndex(snapshot(List.of(nowhere), be), TestRoundRobin::new),
                nowhere, "/");
        assertThat(unavailable.answer().status().code()).isEqualTo(503);
        unavailable.answer().release();
    }
}
