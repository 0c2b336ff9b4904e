package io.mlbj.core.proxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mlbj.core.sticky.ServerCookieValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backend that keeps sessions in its own memory like a servlet container: a request without a
 * {@code JSESSIONID} it knows starts a session and gets {@code Set-Cookie: JSESSIONID=<id>; Path=/;
 * HttpOnly}. The body reports, one {@code key=value} per line, the backend's name, the session, how many
 * requests that session made here, the request method and the Cookie headers it received. {@code
 * /no-store} answers with {@code Cache-Control: no-store}.
 */
final class SessionBackend implements AutoCloseable {
    /** The response header carrying the backend's name. */
    static final String NAME_HEADER = "X-Backend-Name";

    private final String name;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, AtomicInteger> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    private SessionBackend(String name) throws IOException {
        this.name = name;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        this.executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A backend named {@code name} listening on 127.0.0.1 at a port of the system's choice. */
    static SessionBackend start(String name) throws IOException {
        return new SessionBackend(name);
    }

    String name() {
        return name;
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The server name marathon-lb gives this backend's task ({@code ip_port} with {@code _} for {@code .}). */
    String serverName() {
        return "127_0_0_1_" + port();
    }

    /** The {@code cookie} value marathon-lb computes for {@link #serverName()}. */
    String cookieValue() {
        return ServerCookieValue.of(serverName());
    }

    /** The number of sessions started here. */
    int sessionCount() {
        return sessions.size();
    }

    /** The number of requests received. */
    int requestCount() {
        return requests.get();
    }

    /** The hits of each session started here. */
    Map<String, Integer> sessionHits() {
        Map<String, Integer> out = new HashMap<>();
        sessions.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
        }
        requests.incrementAndGet();
        List<String> cookieHeaders = exchange.getRequestHeaders().getOrDefault("Cookie", List.of());
        String id = sessionId(cookieHeaders);
        AtomicInteger hits = id == null ? null : sessions.get(id);
        if (hits == null) {
            id = newSessionId();
            hits = new AtomicInteger();
            sessions.put(id, hits);
            exchange.getResponseHeaders().add("Set-Cookie", "JSESSIONID=" + id + "; Path=/; HttpOnly");
        }
        int count = hits.incrementAndGet();
        if (exchange.getRequestURI().getPath().equals("/no-store")) {
            exchange.getResponseHeaders().add("Cache-Control", "no-store");
        }
        exchange.getResponseHeaders().add(NAME_HEADER, name);
        exchange.getResponseHeaders().add("Content-Type", "text/plain");
        String body = "backend=" + name + "\nsession=" + id + "\nhits=" + count + "\nmethod="
                + exchange.getRequestMethod() + "\ncookie=" + String.join(" | ", cookieHeaders) + "\n";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The first JSESSIONID of the Cookie headers, as a servlet container reads it. */
    private static String sessionId(List<String> cookieHeaders) {
        for (String header : cookieHeaders) {
            for (String cookie : header.split("[;,]")) {
                String c = cookie.trim();
                if (c.startsWith("JSESSIONID=")) {
                    return c.substring("JSESSIONID=".length());
                }
            }
        }
        return null;
    }

    private static String newSessionId() {
        byte[] random = new byte[16];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().withUpperCase().formatHex(random);
    }

    /** Stops listening and closes every connection, as a killed task does. */
    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Override
    public void close() {
        stop();
    }
}
