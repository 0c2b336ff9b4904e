package io.mlbj.core.proxy;

import static io.mlbj.core.proxy.Fixtures.LONG;
import static io.mlbj.core.proxy.Fixtures.backend;
import static io.mlbj.core.proxy.Fixtures.httpFrontend;
import static io.mlbj.core.proxy.Fixtures.localPort0;
import static io.mlbj.core.proxy.Fixtures.server;
import static io.mlbj.core.proxy.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.LbServer;
import io.mlbj.core.LbServerOptions;
import io.mlbj.core.balance.ServerStatus;
import io.mlbj.core.demo.EchoBackend;
import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.BindAddress;
import io.mlbj.core.routing.RoutingTable;
import io.mlbj.core.routing.Server;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The sticky-session hook: pins a request by cookie (rewriting it) and sees which server answered. */
class ServerPersistenceHookTest {

    /**
     * A toy persistence: cookie {@code srv=<name>} pins (the decision is the pinned server); answers of
     * another server get {@code Set-Cookie: srv=<name>}.
     */
    private record CookieByName(Backend backend) implements BackendPersistence<Server> {
        @Override
        public Server onRequest(HttpRequest request, ServerStatus status) {
            HttpHeaders requestHeaders = request.headers();
            String cookie = requestHeaders.get("Cookie");
            if (cookie == null || !cookie.startsWith("srv=")) {
                return NOT_PINNED;
            }
            requestHeaders.remove("Cookie");
            String name = cookie.substring(4);
            return backend.servers().stream().filter(s -> s.name().equals(name) && status.isUp(s)).findFirst()
                    .orElse(NOT_PINNED);
        }

        @Override
        public Server pinnedServer(Server decision) {
            return decision == NOT_PINNED ? null : decision;
        }

        @Override
        public void onResponse(Server decision, Server answered, HttpRequest request, HttpResponse response) {
            if (!answered.equals(decision)) {
                response.headers().add("Set-Cookie", "srv=" + answered.name());
            }
        }
    }

    private static final Server NOT_PINNED = server("none", 1);

    @Test
    void pinsByCookieAndMarksBalancedAnswers() throws Exception {
        try (EchoBackend a = EchoBackend.start("a"); EchoBackend b = EchoBackend.start("b")) {
            BindAddress bind = localPort0();
            Backend be = backend("be", LONG, server("a", a.port()), server("b", b.port()));
            LbServer lb = new LbServer(new RoutingTable(snapshot(List.of(httpFrontend(bind, "be", LONG)), be)),
                    LbServerOptions.of(TestRoundRobin::new).withPersistence(CookieByName::new).withIoThreads(1))
                    .start();
            try (RawHttp c = new RawHttp(lb.boundAddress(bind).getPort())) {
                RawHttp.Response first = c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read(false);
                String chosen = first.header(EchoBackend.NAME_HEADER);
                assertThat(first.header("Set-Cookie")).isEqualTo("srv=" + chosen);
                for (int i = 0; i < 4; i++) {
                    RawHttp.Response pinned = c.send("GET / HTTP/1.1\r\nHost: x\r\nCookie: srv=" + chosen + "\r\n\r\n")
                            .read(false);
                    assertThat(pinned.header(EchoBackend.NAME_HEADER)).isEqualTo(chosen);
                    assertThat(pinned.header("Set-Cookie")).isNull();
                    // The hook rewrote the request: the server never sees the cookie.
                    assertThat(pinned.bodyText().toLowerCase()).doesNotContain("cookie:");
                }
            } finally {
                lb.close(Duration.ofSeconds(1));
            }
        }
    }

    @Test
    void eachBackendIsPreparedOncePerSnapshotNotPerRequest() throws Exception {
        try (EchoBackend a = EchoBackend.start("a")) {
            BindAddress bind = localPort0();
            Backend be = backend("be", LONG, server("a", a.port()));
            Backend other = backend("other", LONG, server("a", a.port()));
            AtomicInteger prepared = new AtomicInteger();
            ServerPersistence counting = backend -> {
                prepared.incrementAndGet();
                return new CookieByName(backend);
            };
            RoutingTable table = new RoutingTable(snapshot(List.of(httpFrontend(bind, "be", LONG)), be, other));
            LbServer lb = new LbServer(table,
                    LbServerOptions.of(TestRoundRobin::new).withPersistence(counting).withIoThreads(1)).start();
            try (RawHttp c = new RawHttp(lb.boundAddress(bind).getPort())) {
                assertThat(prepared).hasValue(2);
                for (int i = 0; i < 5; i++) {
                    assertThat(c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read(false).header("Set-Cookie"))
                            .isEqualTo("srv=a");
                }
                assertThat(prepared).hasValue(2);
                Backend next = backend("be", LONG, server("a", a.port()));
                table.swap(snapshot(List.of(httpFrontend(bind, "be", LONG)), next));
                assertThat(prepared).hasValue(3);
                for (int i = 0; i < 5; i++) {
                    assertThat(c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read(false).header("Set-Cookie"))
                            .isEqualTo("srv=a");
                }
                assertThat(prepared).hasValue(3);
            } finally {
                lb.close(Duration.ofSeconds(1));
            }
        }
    }
}
