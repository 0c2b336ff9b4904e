package io.mlbj.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The request, encoded once: the head (request line and headers) and the body, as direct buffers that
 * every user writes as retained duplicates. A user with cookies gets its own head with a Cookie line.
 */
final class RequestBytes implements AutoCloseable {

    private final byte[] headLines;
    private final ByteBuf head;
    private final ByteBuf body;

    private RequestBytes(byte[] headLines, ByteBuf head, ByteBuf body) {
        this.headLines = headLines;
        this.head = head;
        this.body = body;
    }

    /** Encodes the request that {@code config} describes into buffers from {@code alloc}. */
    static RequestBytes encode(LoadConfig config, ByteBufAllocator alloc) {
        StringBuilder sb = new StringBuilder(256);
        sb.append(config.method()).append(' ').append(config.requestTarget()).append(" HTTP/1.1\r\n");
        sb.append("Host: ").append(hostHeader(config)).append("\r\n");
        sb.append("User-Agent: mlbj-load\r\n");
        if (config.newConnectionPerRequest()) {
            sb.append("Connection: close\r\n");
        }
        if (config.bodySize() > 0 || !(config.method().equals("GET") || config.method().equals("HEAD"))) {
            sb.append("Content-Length: ").append(config.bodySize()).append("\r\n");
        }
        if (config.bodySize() > 0 && config.headers().stream().noneMatch(h -> startsWithName(h, "content-type"))) {
            sb.append("Content-Type: application/octet-stream\r\n");
        }
        for (String header : config.headers()) {
            sb.append(header.trim()).append("\r\n");
        }
        byte[] lines = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuf head = alloc.directBuffer(lines.length + 2).writeBytes(lines).writeByte('\r').writeByte('\n');
        ByteBuf body = null;
        if (config.bodySize() > 0) {
            byte[] filler = new byte[config.bodySize()];
            Arrays.fill(filler, (byte) 'x');
            body = alloc.directBuffer(filler.length).writeBytes(filler);
        }
        return new RequestBytes(lines, head, body);
    }

    private static boolean startsWithName(String header, String name) {
        return header.regionMatches(true, 0, name, 0, name.length()) && header.length() > name.length()
                && (header.charAt(name.length()) == ':' || header.charAt(name.length()) == ' ');
    }

    private static String hostHeader(LoadConfig config) {
        String host = config.host().indexOf(':') >= 0 ? "[" + config.host() + "]" : config.host();
        int defaultPort = config.tls() ? 443 : 80;
        return config.port() == defaultPort ? host : host + ":" + config.port();
    }

    /** The shared head; callers write {@code head().retainedDuplicate()}. */
    ByteBuf head() {
        return head;
    }

    /** The shared body, or null when the request has none. */
    ByteBuf body() {
        return body;
    }

    /** A new head (owned by the caller) that carries {@code cookieHeader} as its Cookie line. */
    ByteBuf headWithCookie(String cookieHeader, ByteBufAllocator alloc) {
        byte[] cookie = ("Cookie: " + cookieHeader + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        return alloc.directBuffer(headLines.length + cookie.length).writeBytes(headLines).writeBytes(cookie);
    }

    @Override
    public void close() {
        head.release();
        if (body != null) {
            body.release();
        }
    }
}
