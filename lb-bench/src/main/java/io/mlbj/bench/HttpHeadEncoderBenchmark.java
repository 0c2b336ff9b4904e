package io.mlbj.bench;

import io.mlbj.core.proxy.HttpRequestHeadEncoder;
import io.mlbj.core.proxy.HttpResponseHeadEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Writing a forwarded message through the proxy's HTTP/1.1 encoder, Netty's ({@code netty}) or the proxy's own
 * one-pass head writer ({@code ours}): a response head of 8 fields followed by a 1 KiB body (as the
 * decoder hands them on: a head, then a last content), a request head of 10 fields with an empty end, and
 * one 1 KiB chunk of a chunked body.
 * The heads are decoded once by Netty's decoders from the bytes nginx and curl send, so their fields have the
 * types the proxy forwards; every buffer the encoder writes is released at once by a handler in front of it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HttpHeadEncoderBenchmark {
    // nginx's head of a 1 KiB file (also DecodedHeaderMapBenchmark's).
    static final String RESPONSE = "HTTP/1.1 200 OK\r\n"
            + "Server: nginx/1.22.1\r\n"
            + "Date: Fri, 27 Nov 2026 03:00:00 GMT\r\n"
            + "Content-Type: application/octet-stream\r\n"
            + "Content-Length: 1024\r\n"
            + "Last-Modified: Fri, 27 Nov 2026 02:00:00 GMT\r\n"
            + "Connection: keep-alive\r\n"
            + "ETag: \"6566f8a0-400\"\r\n"
            + "Accept-Ranges: bytes\r\n\r\n";
    private static final String REQUEST = "GET /api/v1/items?page=2 HTTP/1.1\r\n"
            + "Host: web.example.com\r\n"
            + "User-Agent: curl/8.5.0\r\n"
            + "Accept: */*\r\n"
            + "Accept-Encoding: gzip, deflate\r\n"
            + "Cookie: session=8f14e45fceea167a5a36dedd4bea2543\r\n"
            + "X-Request-Id: 5d41402abc4b2a76b9719d911017c592\r\n"
            + "X-Forwarded-For: 10.0.0.7\r\n"
            + "X-Forwarded-Port: 80\r\n"
            + "X-Forwarded-Proto: http\r\n"
            + "Connection: keep-alive\r\n\r\n";

    /** Which encoder writes the messages. */
    @Param({"netty", "ours"})
    public String encoder;

    private EmbeddedChannel responses;
    private EmbeddedChannel requests;
    private EmbeddedChannel chunks;
    private HttpResponse responseHead;
    private HttpRequest requestHead;
    private ByteBuf body;

    @Setup
    public void setUp() {
        boolean ours = encoder.equals("ours");
        responses = channel(ours ? new HttpResponseHeadEncoder() : new HttpResponseEncoder());
        requests = channel(ours ? new HttpRequestHeadEncoder() : new HttpRequestEncoder());
        responseHead = decode(new EmbeddedChannel(new HttpResponseDecoder()), RESPONSE);
        requestHead = decode(new EmbeddedChannel(new HttpRequestDecoder()), REQUEST);
        body = Unpooled.directBuffer(1024).writeZero(1024);
        chunks = channel(ours ? new HttpResponseHeadEncoder() : new HttpResponseEncoder());
        HttpResponse chunked = decode(new EmbeddedChannel(new HttpResponseDecoder()),
                RESPONSE.replace("Content-Length: 1024", "Transfer-Encoding: chunked"));
        chunks.write(chunked, chunks.voidPromise());
    }

    @TearDown
    public void tearDown() {
        responses.finishAndReleaseAll();
        requests.finishAndReleaseAll();
        chunks.finishAndReleaseAll();
        body.release();
    }

    /** A response head and its 1 KiB body, written as the proxy forwards them. */
    @Benchmark
    public void responseHeadAndBody() {
        responses.write(responseHead, responses.voidPromise());
        // As the proxy's decoder hands on a fixed-length body: with the shared empty trailers.
        responses.write(new DefaultLastHttpContent(body.retainedDuplicate(), EmptyHttpHeaders.INSTANCE),
                responses.voidPromise());
    }

    /** A request head without a body. */
    @Benchmark
    public void requestHead() {
        requests.write(requestHead, requests.voidPromise());
        requests.write(LastHttpContent.EMPTY_LAST_CONTENT, requests.voidPromise());
    }

    /** One 1 KiB chunk of a chunked response body (size line, data, CRLF). */
    @Benchmark
    public void chunk() {
        chunks.write(new DefaultHttpContent(body.retainedDuplicate()), chunks.voidPromise());
    }

    private static EmbeddedChannel channel(ChannelHandler encoder) {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.pipeline().addLast(new Sink(), encoder);
        return ch;
    }

    @SuppressWarnings("unchecked")
    private static <T> T decode(EmbeddedChannel decoder, String head) {
        decoder.writeInbound(Unpooled.copiedBuffer(head, StandardCharsets.US_ASCII));
        T message = (T) decoder.readInbound();
        decoder.finishAndReleaseAll();
        return message;
    }

    // Stands for the socket: drops every written buffer.
    private static final class Sink extends ChannelOutboundHandlerAdapter {
        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            ReferenceCountUtil.release(msg);
        }
    }
}
