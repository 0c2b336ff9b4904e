package io.mlbj.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.pool.ServerHttpCodec;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/**
 * The HTTP parser boundary under arbitrary input: the head scanner and both codecs give a verdict or a
 * failed decoder result for any bytes, split anywhere, never an exception and never a leaked buffer; a
 * well-formed head is always accepted, and the same head with one defect never is.
 */
class HttpHeadProperties {
    private static final int MAX = FrontendChannelInitializer.MAX_HEAD_BYTES;

    @Property(tries = 500)
    void scannerGivesTheSameVerdictHoweverTheBytesAreSplit(@ForAll("heads") String head, @ForAll @IntRange(min = 1, max = 50) int step) {
        byte[] bytes = head.getBytes(StandardCharsets.ISO_8859_1);
        HttpHeadScanner whole = new HttpHeadScanner(HttpHeadScanner.Kind.REQUEST, MAX, 100);
        HttpHeadScanner.Verdict expected = whole.feed(bytes, 0, bytes.length);
        HttpHeadScanner pieces = new HttpHeadScanner(HttpHeadScanner.Kind.REQUEST, MAX, 100);
        for (int from = 0; from < bytes.length; from += step) {
            pieces.feed(bytes, from, Math.min(bytes.length, from + step));
        }
        assertThat(pieces.verdict()).isEqualTo(expected);
        assertThat(pieces.error()).isEqualTo(whole.error());
        assertThat(whole.bytesScanned()).isLessThanOrEqualTo(Math.min(bytes.length, MAX + 1));
        Statistics.label("verdict").collect(expected);
    }

    @Property(tries = 500)
    void arbitraryBytesGetAVerdictNeverAnException(@ForAll @Size(max = 300) byte[] bytes) {
        for (HttpHeadScanner.Kind kind : HttpHeadScanner.Kind.values()) {
            HttpHeadScanner s = new HttpHeadScanner(kind, 256, 10);
            HttpHeadScanner.Verdict v = s.feed(bytes, 0, bytes.length);
            assertThat(v == HttpHeadScanner.Verdict.INVALID).isEqualTo(s.error() != null);
        }
    }

    @Property(tries = 300)
    void aWellFormedHeadIsAcceptedAndOneDefectIsNot(@ForAll("wellFormed") String head, @ForAll("defects") String defect,
            @ForAll @IntRange(min = 0, max = 10_000) int where) {
        HttpHeadScanner ok = new HttpHeadScanner(HttpHeadScanner.Kind.REQUEST, MAX, 100);
        byte[] good = head.getBytes(StandardCharsets.ISO_8859_1);
        assertThat(ok.feed(good, 0, good.length)).isEqualTo(HttpHeadScanner.Verdict.COMPLETE);
        // Put the defect inside a header line (after the request line, before the final CRLF).
        int firstLineEnd = head.indexOf("\r\n") + 2;
        int lastLineEnd = head.length() - 2;
        int at = firstLineEnd + where % Math.max(1, lastLineEnd - firstLineEnd);
        while (at > firstLineEnd && head.charAt(at - 1) != '\n') {
            at--;
        }
        String broken = head.substring(0, at) + defect + head.substring(at);
        HttpHeadScanner bad = new HttpHeadScanner(HttpHeadScanner.Kind.REQUEST, MAX, 100);
        byte[] b = broken.getBytes(StandardCharsets.ISO_8859_1);
        assertThat(bad.feed(b, 0, b.length)).as(broken).isEqualTo(HttpHeadScanner.Verdict.INVALID);
    }

    @Property(tries = 300)
    void clientCodecNeverThrowsNorLeaksAndOnlyPassesUnambiguousRequests(@ForAll("heads") String head,
            @ForAll @Size(max = 64) byte[] tail, @ForAll @IntRange(min = 1, max = 64) int step) {
        EmbeddedChannel ch = new EmbeddedChannel(new ClientHttpCodec(new HttpDecoderConfig(), MAX, 100));
        byte[] bytes = concat(head.getBytes(StandardCharsets.ISO_8859_1), tail);
        for (int from = 0; from < bytes.length && ch.isOpen(); from += step) {
            ch.writeInbound(Unpooled.wrappedBuffer(bytes, from, Math.min(step, bytes.length - from)));
        }
        Object msg;
        String outcome = "incomplete";
        while ((msg = ch.readInbound()) != null) {
            assertThat(msg).isInstanceOf(HttpObject.class);
            if (msg instanceof HttpRequest r) {
                if (r.decoderResult().isSuccess()) {
                    outcome = "request";
                    assertThat(r.headers().contains(HttpHeaderNames.TRANSFER_ENCODING)
                            && r.headers().contains(HttpHeaderNames.CONTENT_LENGTH)).isFalse();
                    assertThat(r.headers().getAll(HttpHeaderNames.CONTENT_LENGTH)).hasSizeLessThanOrEqualTo(1);
                    assertThat(r.protocolVersion()).isIn(HttpVersion.HTTP_1_0, HttpVersion.HTTP_1_1);
                } else {
                    outcome = "refused";
                }
            }
            ReferenceCountUtil.release(msg);
        }
        Statistics.label("outcome").collect(outcome);
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Property(tries = 300)
    void serverCodecNeverThrowsNorLeaks(@ForAll("responses") String response, @ForAll @IntRange(min = 1, max = 64) int step) {
        EmbeddedChannel ch = new EmbeddedChannel(new ServerHttpCodec(new HttpDecoderConfig()));
        ch.writeOutbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/"));
        ch.releaseOutbound();
        byte[] bytes = response.getBytes(StandardCharsets.ISO_8859_1);
        for (int from = 0; from < bytes.length && ch.isOpen(); from += step) {
            ch.writeInbound(Unpooled.wrappedBuffer(bytes, from, Math.min(step, bytes.length - from)));
        }
        Object msg;
        while ((msg = ch.readInbound()) != null) {
            assertThat(msg).isInstanceOfAny(HttpObject.class, HttpContent.class);
            ReferenceCountUtil.release(msg);
        }
        ch.finishAndReleaseAll();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    // ---- generators ----

    private static Arbitrary<String> token() {
        return Arbitraries.strings().withChars("abcXYZ019-_!#$%&'*+.^`|~").ofMinLength(1).ofMaxLength(12);
    }

    private static Arbitrary<String> value() {
        return Arbitraries.strings().withChars("abc 019/;=,\"\t\u00e9").ofMaxLength(20)
                .map(String::strip);
    }

    @Provide
    Arbitrary<String> wellFormed() {
        Arbitrary<String> method = Arbitraries.of("GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH");
        Arbitrary<String> target = Arbitraries.strings().withChars("abc/019?=&%.-").ofMaxLength(30).map(s -> "/" + s);
        Arbitrary<String> version = Arbitraries.of("HTTP/1.0", "HTTP/1.1");
        Arbitrary<String> field = Combinators.combine(token(), value()).as((n, v) -> "X-" + n + ": " + v + "\r\n");
        Arbitrary<List<String>> fields = field.list().ofMinSize(1).ofMaxSize(12);
        return Combinators.combine(method, target, version, fields)
                .as((m, t, v, f) -> m + " " + t + " " + v + "\r\n" + String.join("", f) + "\r\n");
    }

    @Provide
    Arbitrary<String> defects() {
        return Arbitraries.of("X-A: a\nb\r\n", "X-A: a\rb\r\n", " folded\r\n", "X-A : v\r\n", "X-A\t: v\r\n",
                "X-A: a\u0000b\r\n", "X(A): v\r\n", ": v\r\n", "novalue\r\n", "X-A: \u007f\r\n");
    }

    @Provide
    Arbitrary<String> heads() {
        Arbitrary<String> mutated = Combinators.combine(wellFormed(), Arbitraries.integers().between(0, 1000),
                Arbitraries.of("\r", "\n", " ", "\t", ":", "\u0000", "Content-Length: 5\r\n", "Transfer-Encoding: chunked\r\n",
                        "Content-Length: 1\r\nContent-Length: 2\r\n", "Host: a\r\nHost: b\r\n", "HTTP/2.0", "0\r\n\r\n"))
                .as((h, at, insert) -> {
                    int i = at % (h.length() + 1);
                    return h.substring(0, i) + insert + h.substring(i);
                });
        Arbitrary<String> noise = Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(200);
        return Arbitraries.oneOf(wellFormed(), mutated, noise);
    }

    @Provide
    Arbitrary<String> responses() {
        Arbitrary<String> good = Combinators.combine(Arbitraries.of("HTTP/1.1 200 OK", "HTTP/1.0 404 Not Found",
                        "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content", "HTTP/1.1 304 Not Modified"),
                Arbitraries.of("Content-Length: 2\r\n", "Transfer-Encoding: chunked\r\n", "", "Content-Length: 2\r\nContent-Length: 3\r\n"),
                Arbitraries.of("ok", "2\r\nok\r\n0\r\n\r\n", "zz\r\n", "okHTTP/1.1 200 OK\r\n"))
                .as((s, f, b) -> s + "\r\n" + f + "\r\n" + b);
        Arbitrary<String> noise = Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(200);
        Arbitrary<String> mutated = Combinators.combine(good, Arbitraries.integers().between(0, 200),
                Arbitraries.of("\r", "\n", " ", "\u0000", ":"))
                .as((h, at, insert) -> {
                    int i = at % (h.length() + 1);
                    return h.substring(0, i) + insert + h.substring(i);
                });
        return Arbitraries.oneOf(good, mutated, noise);
    }
}
