package io.mlbj.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.pool.ServerHttpCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Differential: the codecs with {@link ScannedMessageDecoder} emit, for any byte stream split anywhere, the same
 * objects as with Netty's parser alone — kinds, decoder results, versions, methods, targets, statuses, header
 * fields in order, body bytes, reference counts and trailers (buffers left unreleased fail the run: paranoid
 * leak detection).
 */
class ScannedDecodingProperties {
    private static final int MAX_CHUNK = 64; // small, so bodies are split into several contents

    @Property(tries = 1500)
    void requestsDecodeAsNettyDecodesThem(@ForAll("requestStreams") String stream, @ForAll("splits") List<Integer> splits) {
        List<String> withScanned = decodeRequests(stream, splits, true);
        List<String> nettyOnly = decodeRequests(stream, splits, false);
        assertThat(withScanned).isEqualTo(nettyOnly);
    }

    @Property(tries = 1500)
    void responsesDecodeAsNettyDecodesThem(@ForAll("responseExchanges") Tuple.Tuple2<List<HttpMethod>, String> exchange,
            @ForAll("splits") List<Integer> splits) {
        List<String> withScanned = decodeResponses(exchange.get1(), exchange.get2(), splits, true);
        List<String> nettyOnly = decodeResponses(exchange.get1(), exchange.get2(), splits, false);
        assertThat(withScanned).isEqualTo(nettyOnly);
    }

    // The two paths build the same values but not the same types: the scanned decoder's are AsciiStrings over
    // its one copy of the head, Netty's are Strings. This shows which path decoded a message, so the
    // properties above cannot pass with the scanned decoder never taking a message.
    @Example
    void plainMessagesTakeTheScannedPathAndChunkedOrHeadAnswersNettys() {
        assertThat(requestValueType("GET /a HTTP/1.1\r\nHost: h\r\n\r\n", true)).isEqualTo(AsciiString.class);
        assertThat(requestValueType("POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nok", true))
                .isEqualTo(AsciiString.class);
        assertThat(requestValueType("GET /a HTTP/1.1\r\nHost: h\r\n\r\n", false)).isEqualTo(String.class);
        assertThat(requestValueType("POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", true))
                .isEqualTo(String.class);
        String ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
        assertThat(responseValueType(HttpMethod.GET, ok, true)).isEqualTo(AsciiString.class);
        assertThat(responseValueType(HttpMethod.GET, ok, false)).isEqualTo(String.class);
        assertThat(responseValueType(HttpMethod.HEAD, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n", true))
                .isEqualTo(String.class);
        assertThat(responseValueType(HttpMethod.GET, "HTTP/1.1 200 OK\r\nServer: s\r\n\r\nok", true))
                .isEqualTo(String.class);
    }

    @Example
    void aRequestIsDecodedIntoAnEarlierOneOnlyOnceThatOneIsGivenBack() {
        ClientHttpCodec codec = new ClientHttpCodec(new HttpDecoderConfig(), FrontendChannelInitializer.MAX_HEAD_BYTES, 100, true);
        EmbeddedChannel ch = new EmbeddedChannel(codec);
        HttpMessage a = decodeOne(ch, "GET /a HTTP/1.1\r\nHost: a\r\nX-Long: " + "a".repeat(40) + "\r\n\r\n");
        byte[] aHead = headArray(a);
        HttpMessage b = decodeOne(ch, "GET /b HTTP/1.1\r\nHost: b\r\n\r\n"); // arrived while a is in progress
        assertThat(b).isNotSameAs(a);
        assertThat(headArray(b)).isNotSameAs(aHead);
        assertThat(a.headers().get("X-Long")).isEqualTo("a".repeat(40));
        a.headers().add("X-Forwarded-For", "10.0.0.1"); // a field the proxy added, not to be seen again
        codec.requestDone((HttpRequest) a);
        HttpRequest c = decodeOne(ch, "POST /c HTTP/1.0\r\nHost: c\r\nContent-Length: 0\r\n\r\n");
        assertThat(c).isSameAs(a);
        assertThat(headArray(c)).isSameAs(aHead);
        assertThat(c.method()).isEqualTo(HttpMethod.POST);
        assertThat(c.uri()).isEqualTo("/c");
        assertThat(c.protocolVersion()).isEqualTo(HttpVersion.HTTP_1_0);
        assertThat(c.headers().names()).containsExactly("Host", "Content-Length");
        assertThat(c.headers().get("Host")).isEqualTo("c");
        assertThat(b.headers().get("Host")).isEqualTo("b");
        HttpMessage d = decodeOne(ch, "GET /d HTTP/1.1\r\nHost: d\r\n\r\n"); // c is not given back
        assertThat(d).isNotSameAs(c);
        assertThat(headArray(d)).isNotSameAs(aHead);
        assertThat(c.headers().get("Host")).isEqualTo("c");
        ch.finishAndReleaseAll();
    }

    @Example
    void aConnectionsRequestsShareTheStringsOfValuesTheyRepeat() {
        ClientHttpCodec codec = new ClientHttpCodec(new HttpDecoderConfig(), FrontendChannelInitializer.MAX_HEAD_BYTES, 100, true);
        EmbeddedChannel ch = new EmbeddedChannel(codec);
        HttpRequest first = decodeOne(ch, "GET /1 HTTP/1.1\r\nHost: app.example.com\r\nConnection: keep-alive\r\n\r\n");
        String host = first.headers().get("Host");
        String connection = first.headers().get("Connection");
        codec.requestDone(first);
        HttpRequest second = decodeOne(ch, "GET /2 HTTP/1.1\r\nConnection: keep-alive\r\nAccept: */*\r\nHost: app.example.com\r\n\r\n");
        assertThat(second.headers().get("Host")).isSameAs(host);
        assertThat(second.headers().get("Accept")).isEqualTo("*/*");
        assertThat(second.headers().get("Connection")).isSameAs(connection);
        codec.requestDone(second);
        HttpRequest third = decodeOne(ch, "GET /3 HTTP/1.1\r\nHost: app.example.org\r\nX: app.example.com\r\n\r\n");
        assertThat(third.headers().get("Host")).isEqualTo("app.example.org");
        assertThat(third.headers().get("X")).isSameAs(host);
        ch.finishAndReleaseAll();
    }

    @Example
    void aResponseIsDecodedIntoThePreviousOne() {
        EmbeddedChannel ch = serverCodecAwaiting(3);
        HttpResponse first = decodeOne(ch, "HTTP/1.1 200 OK\r\nSet-Cookie: s=" + "1".repeat(40) + "\r\nContent-Length: 0\r\n\r\n");
        byte[] firstHead = headArray(first);
        first.headers().add("Cache-Control", "private");
        HttpResponse second = decodeOne(ch, "HTTP/1.0 201 Made\r\nContent-Length: 0\r\n\r\n");
        assertThat(second).isSameAs(first);
        assertThat(headArray(second)).isSameAs(firstHead);
        assertThat(second.protocolVersion()).isEqualTo(HttpVersion.HTTP_1_0);
        assertThat(second.status()).isEqualTo(HttpResponseStatus.valueOf(201, "Made"));
        assertThat(second.headers().names()).containsExactly("Content-Length");
        // A head longer than the arrays gets new ones, kept for the next.
        HttpResponse third = decodeOne(ch, "HTTP/1.1 200 OK\r\nServer: " + "s".repeat(100) + "\r\nContent-Length: 0\r\n\r\n");
        assertThat(headArray(third)).isNotSameAs(firstHead);
        assertThat(third.headers().get("Server")).isEqualTo("s".repeat(100));
        ch.finishAndReleaseAll();
    }

    @Example
    void aResponseBodysLastPartIsTheSameObjectRefilledForEachResponse() {
        EmbeddedChannel ch = serverCodecAwaiting(3);
        List<LastHttpContent> lasts = new ArrayList<>();
        for (String body : List.of("first body", "2nd", "third one")) {
            ch.writeInbound(Unpooled.copiedBuffer("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body,
                    StandardCharsets.ISO_8859_1));
            ReferenceCountUtil.release(ch.readInbound());
            LastHttpContent last = ch.readInbound();
            // Read on arrival, as the proxy relays it: this response's bytes, no trailers, counted as its slice.
            assertThat(last.decoderResult().isSuccess()).isTrue();
            assertThat(last.content().toString(StandardCharsets.ISO_8859_1)).isEqualTo(body);
            assertThat(last.trailingHeaders().isEmpty()).isTrue();
            assertThat(last.refCnt()).isEqualTo(1);
            LastHttpContent copy = last.copy();
            assertThat(last.release()).isTrue();
            assertThat(copy.content().toString(StandardCharsets.ISO_8859_1)).isEqualTo(body);
            copy.release();
            lasts.add(last);
        }
        assertThat(lasts.get(1)).isSameAs(lasts.get(0));
        assertThat(lasts.get(2)).isSameAs(lasts.get(0));
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    // A server connection's codec that sent `requests` GETs: it takes as many responses.
    private static EmbeddedChannel serverCodecAwaiting(int requests) {
        EmbeddedChannel ch = new EmbeddedChannel(new ServerHttpCodec(new HttpDecoderConfig(), true));
        for (int i = 0; i < requests; i++) {
            ch.writeOutbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/", Unpooled.EMPTY_BUFFER));
        }
        for (Object o; (o = ch.readOutbound()) != null; ) {
            ReferenceCountUtil.release(o);
        }
        return ch;
    }

    // The message of a whole head and its empty body, read as the codec hands it on.
    private static <T extends HttpMessage> T decodeOne(EmbeddedChannel ch, String head) {
        ch.writeInbound(Unpooled.copiedBuffer(head, StandardCharsets.ISO_8859_1));
        T m = ch.readInbound();
        assertThat(m.decoderResult().isSuccess()).isTrue();
        assertThat((Object) ch.readInbound()).isInstanceOf(LastHttpContent.class);
        return m;
    }

    private static byte[] headArray(HttpMessage m) {
        return ((ScannedHeaders) m.headers()).headArray();
    }

    private static Class<?> requestValueType(String request, boolean scanned) {
        EmbeddedChannel ch = new EmbeddedChannel(new ClientHttpCodec(new HttpDecoderConfig(),
                FrontendChannelInitializer.MAX_HEAD_BYTES, 100, scanned));
        return firstValueType(ch, request);
    }

    private static Class<?> responseValueType(HttpMethod method, String response, boolean scanned) {
        EmbeddedChannel ch = new EmbeddedChannel(new ServerHttpCodec(new HttpDecoderConfig(), scanned));
        ch.writeOutbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, "/", Unpooled.EMPTY_BUFFER));
        for (Object o; (o = ch.readOutbound()) != null; ) {
            ReferenceCountUtil.release(o);
        }
        return firstValueType(ch, response);
    }

    private static Class<?> firstValueType(EmbeddedChannel ch, String bytes) {
        ch.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.ISO_8859_1));
        Object head = ch.readInbound();
        try {
            assertThat(head).isInstanceOf(HttpMessage.class);
            HttpMessage m = (HttpMessage) head;
            assertThat(m.decoderResult().isSuccess()).isTrue();
            return m.headers().iteratorCharSequence().next().getValue().getClass();
        } finally {
            ReferenceCountUtil.release(head);
            ch.finishAndReleaseAll();
        }
    }

    private static List<String> decodeRequests(String stream, List<Integer> splits, boolean scanned) {
        EmbeddedChannel ch = new EmbeddedChannel(new ClientHttpCodec(new HttpDecoderConfig().setMaxChunkSize(MAX_CHUNK),
                FrontendChannelInitializer.MAX_HEAD_BYTES, 100, scanned), new DescribeOnArrival());
        return feed(ch, stream, splits);
    }

    private static List<String> decodeResponses(List<HttpMethod> methods, String stream, List<Integer> splits, boolean scanned) {
        EmbeddedChannel ch = new EmbeddedChannel(new ServerHttpCodec(new HttpDecoderConfig().setMaxChunkSize(MAX_CHUNK), scanned),
                new DescribeOnArrival());
        for (HttpMethod m : methods) {
            ch.writeOutbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, m, "/", Unpooled.EMPTY_BUFFER));
        }
        for (Object o; (o = ch.readOutbound()) != null; ) {
            ReferenceCountUtil.release(o);
        }
        return feed(ch, stream, splits);
    }

    private static List<String> feed(EmbeddedChannel ch, String stream, List<Integer> splits) {
        byte[] bytes = stream.getBytes(StandardCharsets.ISO_8859_1);
        List<String> seen = new ArrayList<>();
        int at = 0;
        for (int i = 0; at < bytes.length; i++) {
            int n = Math.min(bytes.length - at, splits.isEmpty() ? bytes.length : splits.get(i % splits.size()));
            if (ch.isOpen()) {
                ch.writeInbound(Unpooled.wrappedBuffer(bytes, at, n));
            }
            at += n;
            drain(ch, seen);
        }
        ch.finish();
        drain(ch, seen);
        for (Object o; (o = ch.readOutbound()) != null; ) {
            ReferenceCountUtil.release(o);
        }
        seen.add("open=" + ch.isOpen());
        return seen;
    }

    private static void drain(EmbeddedChannel ch, List<String> seen) {
        for (Object o; (o = ch.readInbound()) != null; ) {
            seen.add((String) o);
        }
    }

    /**
     * Reads each message when the codec hands it on, as the proxy's handlers do: a server connection's
     * decoder may reuse a response head's arrays for the next head, so a message kept past the next one's
     * arrival would no longer read as it did.
     */
    private static final class DescribeOnArrival extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                ctx.fireChannelRead(describe(msg));
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }
    }

    private static String describe(Object o) {
        StringBuilder b = new StringBuilder();
        if (o instanceof HttpObject h) {
            b.append(h.decoderResult().isSuccess() ? "ok " : "failed(" + h.decoderResult().cause() + ") ");
        }
        if (o instanceof HttpRequest r) {
            b.append("request ").append(r.protocolVersion()).append(' ').append(r.method()).append(' ').append(r.uri());
        }
        if (o instanceof HttpResponse r) {
            b.append("response ").append(r.protocolVersion()).append(' ').append(r.status().code()).append(" [")
                    .append(r.status().reasonPhrase()).append(']');
        }
        if (o instanceof HttpMessage m) {
            for (Map.Entry<CharSequence, CharSequence> e : (Iterable<Map.Entry<CharSequence, CharSequence>>) m.headers()::iteratorCharSequence) {
                b.append(" {").append(e.getKey()).append(": ").append(e.getValue()).append('}');
            }
        }
        if (o instanceof HttpContent c) {
            b.append(o instanceof LastHttpContent ? " last-content " : " content ").append(ByteBufUtil.hexDump(c.content()))
                    .append(" refCnt=").append(c.content().refCnt());
        }
        if (o instanceof LastHttpContent l) {
            l.trailingHeaders().forEach(e -> b.append(" trailer {").append(e.getKey()).append(": ").append(e.getValue()).append('}'));
        }
        if (o instanceof ByteBuf buf) {
            b.append("bytes ").append(ByteBufUtil.hexDump(buf));
        }
        if (b.length() == 0) {
            b.append(o.getClass().getSimpleName());
        }
        return b.toString();
    }

    @Provide
    Arbitrary<List<Integer>> splits() {
        return Arbitraries.integers().between(1, 80).list().ofMinSize(0).ofMaxSize(6);
    }

    @Provide
    Arbitrary<String> requestStreams() {
        Arbitrary<String> start = Arbitraries.of("GET / HTTP/1.1", "POST /a?b=c HTTP/1.0", "HEAD /h HTTP/1.1", "PUT /p HTTP/1.1",
                "OPTIONS * HTTP/1.1", "PATCH /x%20y HTTP/1.1", "FOO /f HTTP/1.1", "CONNECT h:443 HTTP/1.1", "\r\nGET /l HTTP/1.1",
                "GET  /d HTTP/1.1", "GET /v HTTP/2.0", "get /lower HTTP/1.1", "GET http://h/abs HTTP/1.1", "DELETE /q HTTP/1.0");
        return Arbitraries.oneOf(Combinators.combine(start, fields(true), body()).as(ScannedDecodingProperties::message),
                        Combinators.combine(start, fields(true), payload()).as(ScannedDecodingProperties::framed))
                .list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<Tuple.Tuple2<List<HttpMethod>, String>> responseExchanges() {
        Arbitrary<String> start = Arbitraries.of("HTTP/1.1 200 OK", "HTTP/1.1 200 Fine", "HTTP/1.0 200 OK", "HTTP/1.1 201 Created",
                "HTTP/1.1 204 No Content", "HTTP/1.1 304 Not Modified", "HTTP/1.1 404", "HTTP/1.1 404 ", "HTTP/1.1 500  spaced  reason\t",
                "HTTP/1.1 599 Odd", "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK", "HTTP/1.1 302 Found", "HTTP/1.1 299 \u00e9t\u00e9");
        Arbitrary<String> response = Arbitraries.oneOf(
                Combinators.combine(start, fields(false), body()).as(ScannedDecodingProperties::message),
                Combinators.combine(start, fields(false), payload()).as(ScannedDecodingProperties::framed));
        Arbitrary<HttpMethod> method = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(HttpMethod.GET)),
                Tuple.of(1, Arbitraries.just(HttpMethod.HEAD)), Tuple.of(1, Arbitraries.just(HttpMethod.POST)),
                Tuple.of(1, Arbitraries.just(HttpMethod.CONNECT)));
        return Combinators.combine(method, response).as(Tuple::of).list().ofMinSize(1).ofMaxSize(3)
                .map(l -> Tuple.of(l.stream().map(Tuple.Tuple2::get1).toList(),
                        String.join("", l.stream().map(Tuple.Tuple2::get2).toList())));
    }

    private static Arbitrary<List<String>> fields(boolean request) {
        Arbitrary<String> name = Arbitraries.oneOf(Arbitraries.of("Host", "host", "Accept", "Connection", "Content-Type", "X-Forwarded-For",
                        "Cookie", "Set-Cookie", "Content-Length", "content-length", "Transfer-Encoding", "Sec-WebSocket-Key1",
                        "Sec-WebSocket-Key2", "Upgrade", "Expect", "Keep-Alive"),
                Arbitraries.strings().withChars("abcXyz-_!~019").ofMinLength(1).ofMaxLength(12));
        Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.strings().withChars("ab 09/;=,\"\t\u00e9").ofMaxLength(20),
                Arbitraries.of("0", "3", "10", "007", "+3", "3, 3", "chunked", "gzip, chunked", "close", "keep-alive", "websocket",
                        " 5 ", "", "99999999999999999999"));
        Arbitrary<String> field = Combinators.combine(name, value).as((n, v) -> n + ":" + v + "\r\n");
        return field.list().ofMaxSize(request ? 8 : 6);
    }

    private static Arbitrary<String> body() {
        // Bytes after the head: a body of any length, sometimes chunked framing, sometimes nothing.
        return Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.strings().withChars("xyz\r\n0").ofMaxLength(150),
                Arbitraries.of("3\r\nabc\r\n0\r\n\r\n", "0\r\n\r\n", "5\r\nhello\r\n0\r\nT: v\r\n\r\n"));
    }

    private static Arbitrary<String> payload() {
        return Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(300);
    }

    // A message whose Content-Length matches its body (the common case), after the generated fields.
    private static String framed(String start, List<String> fields, String payload) {
        List<String> all = new ArrayList<>(fields.stream().filter(f -> !f.regionMatches(true, 0, "content-length", 0, 14)
                && !f.regionMatches(true, 0, "transfer-encoding", 0, 17)).toList());
        all.add("Content-Length: " + payload.length() + "\r\n");
        return message(start, all, payload);
    }

    private static String message(String start, List<String> fields, String body) {
        StringBuilder head = new StringBuilder(start).append("\r\n");
        fields.forEach(head::append);
        return head.append("\r\n").append(body).toString();
    }
}
