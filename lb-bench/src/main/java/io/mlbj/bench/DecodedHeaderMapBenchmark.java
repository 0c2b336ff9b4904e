package io.mlbj.bench;

import io.mlbj.core.proxy.HopByHopHeaders;
import io.mlbj.core.proxy.HttpHeadScanner;
import io.mlbj.core.proxy.HttpResponseHeadEncoder;
import io.mlbj.core.proxy.ScannedMessageDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
 * The header map of a forwarded response head, from the scanned head to the written bytes: nginx's 1 KiB
 * response head decoded into {@code scanned} (the decoder's {@code ScannedHeaders}, offsets into the head's
 * copy) or {@code netty} (Netty's {@code DefaultHttpHeaders} without validation, an {@code AsciiString} per name
 * and value over the same copy: what the decoder built before), then what the proxy does with every response
 * head (hop-by-hop stripping, keep-alive, framing and length lookups) and the head written by the proxy's
 * encoder. The {@code scanned} variant also parses the status line and the length, which the other one takes
 * as given, so its figure is the upper one of the two.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DecodedHeaderMapBenchmark {
    private static final String RESPONSE = HttpHeadEncoderBenchmark.RESPONSE;
    private static final HttpHeadersFactory UNVALIDATED = DefaultHttpHeadersFactory.headersFactory().withValidation(false);

    /** Which map holds the decoded fields. */
    @Param({"scanned", "netty"})
    public String map;

    private final byte[] bytes = RESPONSE.getBytes(StandardCharsets.US_ASCII);
    private final HttpHeadScanner scanner = new HttpHeadScanner(HttpHeadScanner.Kind.RESPONSE, 16_384, 100);
    private final List<Object> decoded = new ArrayList<>(2);
    private ByteBuf in;
    private EmbeddedChannel out;
    private boolean scanned;

    @Setup
    public void setUp() {
        scanned = map.equals("scanned");
        in = Unpooled.wrappedBuffer(bytes);
        out = new EmbeddedChannel();
        out.pipeline().addLast(new Sink(), new HttpResponseHeadEncoder());
    }

    @TearDown
    public void tearDown() {
        out.finishAndReleaseAll();
        in.release();
    }

    /** One response head: decoded, looked at as the proxy does, written. */
    @Benchmark
    public int responseHead() {
        scanner.reset();
        scanner.feed(bytes, 0, bytes.length);
        HttpResponse r = scanned ? decodeScanned() : decodeIntoNettyMap();
        HttpHeaders h = r.headers();
        HopByHopHeaders.strip(h, false);
        boolean keepAlive = HttpUtil.isKeepAlive(r);
        boolean lengthSet = HttpUtil.isContentLengthSet(r);
        String length = h.get(HttpHeaderNames.CONTENT_LENGTH);
        out.write(r, out.voidPromise());
        out.write(LastHttpContent.EMPTY_LAST_CONTENT, out.voidPromise());
        return (keepAlive ? 1 : 0) + (lengthSet ? 2 : 0) + length.length();
    }

    private HttpResponse decodeScanned() {
        in.readerIndex(0);
        decoded.clear();
        // A decoder per head: this one then expects the 1 KiB body, which is not fed here.
        new ScannedMessageDecoder(HttpHeadScanner.Kind.RESPONSE, 8192, UNVALIDATED).decodeHead(in, scanner, true, decoded);
        return (HttpResponse) decoded.get(0);
    }

    // What the decoder did before: a copy of the head, an AsciiString per name and value over it in a hash map.
    private HttpResponse decodeIntoNettyMap() {
        byte[] h = bytes.clone();
        HttpHeaders headers = UNVALIDATED.newHeaders();
        int q = RESPONSE.indexOf('\n') + 1;
        for (int k = 0; k < scanner.fieldCount(); k++) {
            int colon = scanner.fieldColon(k);
            int lineEnd = scanner.fieldLineEnd(k);
            int vs = colon + 1;
            while (vs < lineEnd && h[vs] == ' ') {
                vs++;
            }
            headers.add(new AsciiString(h, q, colon - q, false), new AsciiString(h, vs, lineEnd - vs, false));
            q = lineEnd + 2;
        }
        return new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, headers);
    }

    // Stands for the socket: drops every written buffer.
    private static final class Sink extends ChannelOutboundHandlerAdapter {
        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            ReferenceCountUtil.release(msg);
        }
    }
}
