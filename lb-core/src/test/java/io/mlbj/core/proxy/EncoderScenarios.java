package io.mlbj.core.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random message sequences for an HTTP/1.1 encoder, as replayable steps: each step builds a fresh message
 * (so the same sequence can be written through two encoders), mostly in a valid order (a head, body parts,
 * an end) with now and then a message out of place, an empty buffer or a file region.
 */
final class EncoderScenarios {
    private static final HttpHeadersFactory UNCHECKED = DefaultHttpHeadersFactory.headersFactory()
            .withNameValidation(false).withValueValidation(false);
    private static final HttpHeadersFactory TRAILERS = DefaultHttpHeadersFactory.trailersFactory()
            .withNameValidation(false).withValueValidation(false);
    static final byte[] FILE_BYTES = new byte[4096];
    static final File FILE = fileOfBytes();

    private static final HttpMethod[] METHODS = {HttpMethod.GET, HttpMethod.GET, HttpMethod.POST, HttpMethod.HEAD,
        HttpMethod.CONNECT, HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.OPTIONS, HttpMethod.PATCH, HttpMethod.TRACE,
        HttpMethod.valueOf("PURGE"), HttpMethod.valueOf("MKCOL")};
    private static final String[] URIS = {"/", "/a/b?c=d&e", "", "*", "host:443", "http://host", "http://host?x=1",
        "http://h/p?q", "https://h:8080", "/caf\u00e9", "/\u20ac?x", "/\ud800x", "http://h?\ud83d\ude00",
        "/\ud83d\ude00/\udc00\ud800\ud800"};
    private static final int[] CODES = {200, 200, 201, 204, 205, 206, 301, 304, 400, 404, 500, 502, 100, 101, 102,
        103, 299, 599, 999, 42};
    private static final String[] NAMES = {"Host", "content-type", "X-Forwarded-For", "Cache-Control", "date",
        "Server", "set-cookie", "Connection", "Upgrade", "Sec-WebSocket-Version", "x-\u00e9t\u00e9"};
    private static final String[] CHUNKED = {"chunked", "Chunked", "gzip, chunked", "gzip"};

    private EncoderScenarios() {
    }

    /** One message to write, or an action on the encoders. */
    sealed interface Step permits Head, Body, Marker, Raw, Region {
    }

    /** A head; {@code full} makes it a full message with {@code body} and {@code trailers}. */
    record Head(boolean request, HttpMethod method, String uri, HttpVersion version, HttpResponseStatus status,
            List<Object[]> fields, boolean full, byte[] body, int skip, List<Object[]> trailers, HttpMethod answers)
            implements Step {
        Object build() {
            HttpHeaders h = headers(UNCHECKED, fields);
            if (request) {
                return full ? new DefaultFullHttpRequest(version, method, uri, buffer(body, skip), h, headers(TRAILERS, trailers))
                        : new DefaultHttpRequest(version, method, uri, h);
            }
            return full ? new DefaultFullHttpResponse(version, status, buffer(body, skip), h, headers(TRAILERS, trailers))
                    : new DefaultHttpResponse(version, status, h);
        }
    }

    /** A part of a body; {@code last} ends it (with {@code trailers}). */
    record Body(byte[] bytes, int skip, boolean last, List<Object[]> trailers) implements Step {
        Object build() {
            ByteBuf b = buffer(bytes, skip);
            return last ? new DefaultLastHttpContent(b, headers(TRAILERS, trailers)) : new DefaultHttpContent(b);
        }
    }

    /** A constant: {@code LastHttpContent.EMPTY_LAST_CONTENT}, {@code Unpooled.EMPTY_BUFFER}, or the upgrade switch. */
    enum Marker implements Step { EMPTY_LAST, EMPTY_BUFFER, UPGRADE;
        Object build() {
            return this == EMPTY_LAST ? LastHttpContent.EMPTY_LAST_CONTENT : Unpooled.EMPTY_BUFFER;
        }
    }

    /** A plain buffer. */
    record Raw(byte[] bytes, int skip) implements Step {
        Object build() {
            return buffer(bytes, skip);
        }
    }

    /** A region of {@link #FILE}. */
    record Region(int position, int count) implements Step {
        Object build() {
            return new DefaultFileRegion(FILE, position, count);
        }
    }

    static List<Step> sequence(Random r, boolean requests) {
        List<Step> steps = new ArrayList<>();
        int exchanges = 1 + r.nextInt(4);
        for (int e = 0; e < exchanges; e++) {
            if (r.nextInt(12) == 0) {
                steps.add(noise(r, requests));
            }
            Head head = head(r, requests);
            steps.add(head);
            if (!head.full()) {
                int parts = r.nextInt(4);
                for (int p = 0; p < parts; p++) {
                    steps.add(r.nextInt(8) == 0 ? noise(r, requests) : new Body(bytes(r), r.nextInt(3), false, List.of()));
                }
                int end = r.nextInt(10);
                steps.add(end == 0 ? Marker.EMPTY_LAST : new Body(bytes(r), r.nextInt(3), true, fields(r, r.nextInt(3) == 0 ? 3 : 0)));
            }
        }
        if (requests && r.nextInt(10) == 0) {
            steps.add(Marker.UPGRADE);
            steps.add(new Raw(bytes(r), 0));
            steps.add(head(r, true));
        }
        return steps;
    }

    private static Step noise(Random r, boolean requests) {
        return switch (r.nextInt(6)) {
            case 0 -> Marker.EMPTY_BUFFER;
            case 1 -> new Raw(r.nextBoolean() ? new byte[0] : bytes(r), r.nextInt(2));
            case 2 -> new Region(r.nextInt(100), r.nextInt(4) == 0 ? 0 : r.nextInt(3000));
            case 3 -> Marker.EMPTY_LAST;
            case 4 -> new Body(bytes(r), 0, r.nextBoolean(), List.of());
            default -> head(r, r.nextInt(4) == 0 ? !requests : requests);
        };
    }

    private static Head head(Random r, boolean request) {
        HttpVersion version = switch (r.nextInt(10)) {
            case 0 -> HttpVersion.HTTP_1_0;
            case 1 -> new HttpVersion("HTTP/1.1", true);
            case 2 -> new HttpVersion("X\u00e9P", 2, 3, false);
            default -> HttpVersion.HTTP_1_1;
        };
        int code = CODES[r.nextInt(CODES.length)];
        HttpResponseStatus status = switch (r.nextInt(6)) {
            case 0 -> new HttpResponseStatus(code, r.nextBoolean() ? "Fine" : "R\u00e9ponse \u00ff\u0100 ok");
            case 1 -> HttpResponseStatus.valueOf(code, "OK");
            default -> HttpResponseStatus.valueOf(code);
        };
        List<Object[]> fields = fields(r, r.nextInt(31));
        switch (r.nextInt(4)) {
            case 0 -> fields.add(r.nextInt(fields.size() + 1), new Object[] {"Content-Length", "12"});
            case 1 -> fields.add(r.nextInt(fields.size() + 1),
                    new Object[] {r.nextBoolean() ? "Transfer-Encoding" : AsciiString.of("transfer-encoding"),
                        CHUNKED[r.nextInt(CHUNKED.length)]});
            default -> { }
        }
        boolean full = r.nextInt(3) == 0;
        return new Head(request, METHODS[r.nextInt(METHODS.length)], URIS[r.nextInt(URIS.length)], version, status,
                fields, full, bytes(r), r.nextInt(3), fields(r, r.nextInt(3) == 0 ? 2 : 0),
                METHODS[r.nextInt(METHODS.length)]);
    }

    private static List<Object[]> fields(Random r, int n) {
        List<Object[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = r.nextInt(4) == 0 ? token(r) : NAMES[r.nextInt(NAMES.length)];
            String value = text(r);
            out.add(new Object[] {r.nextBoolean() ? AsciiString.of(name) : name,
                r.nextBoolean() ? new AsciiString(value) : value});
        }
        return out;
    }

    private static String token(Random r) {
        StringBuilder s = new StringBuilder();
        int n = 1 + r.nextInt(12);
        for (int i = 0; i < n; i++) {
            s.append((char) ('a' + r.nextInt(26)));
        }
        return s.toString();
    }

    private static String text(Random r) {
        StringBuilder s = new StringBuilder();
        int n = r.nextInt(40);
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(20);
            s.append(kind < 14 ? (char) (0x20 + r.nextInt(0x5f)) : kind < 18 ? (char) (0x80 + r.nextInt(0x80))
                    : kind == 18 ? '\t' : (char) (0x100 + r.nextInt(0x500)));
        }
        return s.toString();
    }

    private static byte[] bytes(Random r) {
        int n = switch (r.nextInt(6)) {
            case 0 -> 0;
            case 1 -> 1 + r.nextInt(15);
            case 2 -> 2040 + r.nextInt(20);
            case 3 -> 3000 + r.nextInt(3000);
            default -> r.nextInt(1200);
        };
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private static HttpHeaders headers(HttpHeadersFactory factory, List<Object[]> fields) {
        HttpHeaders h = factory.newHeaders();
        for (Object[] f : fields) {
            h.add((CharSequence) f[0], f[1]);
        }
        return h;
    }

    // The bytes behind `skip` bytes already read, in a pooled direct buffer as the proxy has them.
    private static ByteBuf buffer(byte[] bytes, int skip) {
        ByteBuf b = PooledByteBufAllocator.DEFAULT.directBuffer(skip + bytes.length);
        b.writeZero(skip).writeBytes(bytes).skipBytes(skip);
        return b;
    }

    private static File fileOfBytes() {
        try {
            new Random(7).nextBytes(FILE_BYTES);
            File f = File.createTempFile("encoder-region", ".bin");
            f.deleteOnExit();
            Files.write(f.toPath(), FILE_BYTES);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
