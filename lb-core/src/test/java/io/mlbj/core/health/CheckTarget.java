package io.mlbj.core.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1:0 (the JDK's): {@code /health} answers the status set by the test and
 * counts the checks; any other path answers 200 with the server's name (the traffic that reaches it).
 */
final class CheckTarget implements AutoCloseable {
    private final String name;
    private final HttpServer http;
    private final AtomicInteger healthStatus = new AtomicInteger(200);
    private final AtomicInteger healthRequests = new AtomicInteger();
    private final AtomicInteger trafficRequests = new AtomicInteger();
    private volatile String lastHealthRequestLine;
    private volatile byte[] healthBody;

    private CheckTarget(String name) {
        this.name = name;
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        http.createContext("/health", this::health);
        http.createContext("/", this::traffic);
        http.setExecutor(Executors.newFixedThreadPool(2));
        http.start();
    }

    static CheckTarget start(String name) {
        return new CheckTarget(name);
    }

    int port() {
        return http.getAddress().getPort();
    }

    void healthStatus(int status) {
        healthStatus.set(status);
    }

    /** The body of the {@code /health} answers from now on (null: none). */
    void healthBody(String body) {
        healthBody = body == null ? null : body.getBytes(StandardCharsets.US_ASCII);
    }

    int healthRequests() {
        return healthRequests.get();
    }

    int trafficRequests() {
        return trafficRequests.get();
    }

    String lastHealthRequestLine() {
        return lastHealthRequestLine;
    }

    private void health(HttpExchange ex) throws IOException {
        healthRequests.incrementAndGet();
        lastHealthRequestLine = ex.getRequestMethod() + " " + ex.getRequestURI() + " " + ex.getProtocol();
        byte[] body = healthBody;
        ex.sendResponseHeaders(healthStatus.get(), body == null ? -1 : body.length);
        if (body != null) {
            ex.getResponseBody().write(body);
        }
        ex.close();
    }

    private void traffic(HttpExchange ex) throws IOException {
        trafficRequests.incrementAndGet();
        byte[] body = name.getBytes(StandardCharsets.US_ASCII);
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    @Override
    public void close() {
        http.stop(0);
        ((java.util.concurrent.ExecutorService) http.getExecutor()).shutdownNow();
    }
}
