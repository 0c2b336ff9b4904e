package io.mlbj.core;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;
import io.mlbj.core.tls.PemBundle;
import io.mlbj.core.tls.SelfSignedCertificateWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * An HTTPS backend with a self-signed certificate nobody trusts, keeping sessions like a servlet
 * container: a request without a {@code JSESSIONID} it knows gets {@code Set-Cookie: JSESSIONID=<id>;
 * Path=/; HttpOnly}. The body lists {@code backend=}, {@code session=}, {@code hits=}, {@code tls=} (the
 * protocol of the proxy's connection) and every request header as {@code header:name=value} (lower-case name).
 */
final class TlsSessionBackend implements AutoCloseable {
    private final String name;
    private final HttpsServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final Map<String, AtomicInteger> sessions = new ConcurrentHashMap<>();

    TlsSessionBackend(String name) throws Exception {
        this.name = name;
        PemBundle pem = SelfSignedCertificateWriter.generate("backend-" + name,
                SelfSignedCertificateWriter.KeyType.EC_P256);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("key", pem.key(), new char[0], pem.chain().toArray(new Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, new char[0]);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String name() {
        return name;
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
        }
        String id = sessionId(exchange.getRequestHeaders().getOrDefault("Cookie", List.of()));
        AtomicInteger hits = id == null ? null : sessions.get(id);
        if (hits == null) {
            byte[] random = new byte[16];
            ThreadLocalRandom.current().nextBytes(random);
            id = HexFormat.of().withUpperCase().formatHex(random);
            hits = new AtomicInteger();
            sessions.put(id, hits);
            exchange.getResponseHeaders().add("Set-Cookie", "JSESSIONID=" + id + "; Path=/; HttpOnly");
        }
        StringBuilder body = new StringBuilder()
                .append("backend=").append(name).append('\n')
                .append("session=").append(id).append('\n')
                .append("hits=").append(hits.incrementAndGet()).append('\n')
                .append("tls=").append(((HttpsExchange) exchange).getSSLSession().getProtocol()).append('\n');
        exchange.getRequestHeaders().forEach((k, values) -> values.forEach(
                v -> body.append("header:").append(k.toLowerCase(java.util.Locale.ROOT)).append('=').append(v).append('\n')));
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String sessionId(List<String> cookieHeaders) {
        for (String header : cookieHeaders) {
            for (String cookie : header.split(";")) {
                String c = cookie.trim();
                if (c.startsWith("JSESSIONID=")) {
                    return c.substring("JSESSIONID=".length());
                }
            }
        }
        return null;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
