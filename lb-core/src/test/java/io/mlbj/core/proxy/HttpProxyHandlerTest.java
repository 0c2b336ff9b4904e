package io.mlbj.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.mlbj.core.pool.BackendPools;
import io.mlbj.core.pool.ServerConnectionCounts;
import io.mlbj.core.pool.ServerTlsHandlers;
import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.BindAddress;
import io.mlbj.core.routing.Frontend;
import io.mlbj.core.routing.HttpAction;
import io.mlbj.core.routing.HttpRule;
import io.mlbj.core.routing.LogFormat;
import io.mlbj.core.routing.ProxyMode;
import io.mlbj.core.routing.RequestCondition;
import io.mlbj.core.routing.RoutingTable;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The client-side handler's local answers, on an EmbeddedChannel (no server connection is made). */
class HttpProxyHandlerTest {
    private static final BindAddress BIND = new BindAddress("127.0.0.1", 8080);

    private static HttpRule rule(HttpAction a) {
        return new HttpRule(a, RequestCondition.ALWAYS, a.toString());
    }

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of("deny", List.of(rule(new HttpAction.Deny(403))), "be",
                        "GET / HTTP/1.1\r\nHost: a\r\n\r\n", "HTTP/1.1 403 Forbidden", "Request forbidden", true),
                Arguments.of("auth", List.of(rule(new HttpAction.Auth("private"))), "be",
                        "GET / HTTP/1.1\r\nHost: a\r\n\r\n", "HTTP/1.1 401 Unauthorized",
                        "www-authenticate: Basic realm=\"private\"", true),
                Arguments.of("scheme redirect", List.of(rule(new HttpAction.Redirect(HttpAction.Redirect.Kind.SCHEME,
                        LogFormat.literal("https"), 301, false))), "be",
                        "GET /p?q=1 HTTP/1.1\r\nHost: a.example\r\n\r\n", "HTTP/1.1 301 Moved Permanently",
                        "location: https://a.example/p?q=1", false),
                Arguments.of("no backend", List.of(), null,
                        "GET / HTTP/1.1\r\nHost: a\r\n\r\n", "HTTP/1.1 503 Service Unavailable",
                        "No server is available", true),
                Arguments.of("bad request", List.of(), "be",
                        "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
                        "HTTP/1.1 400 Bad Request", "invalid request", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void answersLocally(String name, List<HttpRule> rules, String defaultBackend, String request, String statusLine,
            String expected, boolean closes) {
        Backend be = Fixtures.backend("be", Fixtures.LONG);
        Frontend fe = Fixtures.frontend("fe", BIND, ProxyMode.HTTP, defaultBackend, Fixtures.LONG, List.of(), rules);
        RoutingTable table = new RoutingTable(Fixtures.snapshot(List.of(fe), be));
        ForwardingContext context = new ForwardingContext(new LiveRoutes(table, TestRoundRobin::new),
                new BackendPools(NioSocketChannel.class, ServerTlsHandlers.NONE), new ServerConnectionCounts());
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.pipeline().addLast(PipelineNames.CLIENT_TIMER, new ClientTimeouts());
        ch.pipeline().addLast(PipelineNames.HTTP_CODEC, new ClientHttpCodec(new io.netty.handler.codec.http.HttpDecoderConfig()));
        ch.pipeline().addLast(PipelineNames.HTTP_PROXY, new HttpProxyHandler(context, BIND));

        ch.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
        String out = drainOutbound(ch);
        assertThat(out).startsWith(statusLine);
        assertThat(out).containsIgnoringCase(expected);
        assertThat(ch.isActive()).isEqualTo(!closes);
        if (!closes) {
            // The connection stays usable: a second request is answered the same way.
            ch.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
            assertThat(drainOutbound(ch)).startsWith(statusLine);
        }
        assertFalse(ch.finishAndReleaseAll());
    }

    private static String drainOutbound(EmbeddedChannel ch) {
        ch.runPendingTasks();
        StringBuilder sb = new StringBuilder();
        for (Object o = ch.readOutbound(); o != null; o = ch.readOutbound()) {
            ByteBuf b = (ByteBuf) o;
            sb.append(b.toString(StandardCharsets.US_ASCII));
            b.release();
        }
        return sb.toString();
    }
}
