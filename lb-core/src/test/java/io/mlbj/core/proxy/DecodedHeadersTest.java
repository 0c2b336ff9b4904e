package io.mlbj.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlbj.core.pool.ServerHttpCodec;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The decoders' header objects: decoded heads keep every field, the end of a fixed-length body shares one empty
 * trailer object, a chunked body's trailers are still decoded, and fields the proxy adds are still validated.
 */
class DecodedHeadersTest {

    @Test
    void fixedLengthBodiesShareAnEmptyTrailerAndChunkedTrailersAreKept() {
        EmbeddedChannel ch = new EmbeddedChannel(new ClientHttpCodec(new HttpDecoderConfig(),
                FrontendChannelInitializer.MAX_HEAD_BYTES, 100));
        String twoRequests = "POST /a HTTP/1.1\r\nHost: h\r\nX-Odd:  spaced value \t\r\nContent-Length: 3\r\n\r\nabc"
                + "POST /b HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nxyz\r\n0\r\nX-Trailer: t\r\n\r\n"
                + "POST /c HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\n\r\nz";
        List<Object> in = readAll(ch, twoRequests);
        try {
            List<HttpRequest> heads = new ArrayList<>();
            List<LastHttpContent> ends = new ArrayList<>();
            for (Object o : in) {
                if (o instanceof HttpRequest r) {
                    heads.add(r);
                }
                if (o instanceof LastHttpContent l) {
                    ends.add(l);
                }
            }
            assertThat(heads).extracting(HttpRequest::uri).containsExactly("/a", "/b", "/c");
            assertThat(heads.get(0).headers().get("x-odd")).isEqualTo("spaced value");
            assertThat(ends).hasSize(3);
            assertThat(ends.get(0).trailingHeaders()).isSameAs(EmptyHttpHeaders.INSTANCE);
            assertThat(ends.get(1).trailingHeaders().get("X-Trailer")).isEqualTo("t");
            assertThat(ends.get(2).trailingHeaders()).isSameAs(EmptyHttpHeaders.INSTANCE);
        } finally {
            in.forEach(ReferenceCountUtil::release);
            assertThat(ch.finishAndReleaseAll()).isFalse();
        }
    }

    @Test
    void responsesDecodeTheSameWay() {
        EmbeddedChannel ch = new EmbeddedChannel(new ServerHttpCodec(new HttpDecoderConfig()));
        ch.writeOutbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/"));
        ch.releaseOutbound();
        List<Object> in = readAll(ch, "HTTP/1.1 200 OK\r\nSet-Cookie: a=b\r\nContent-Length: 2\r\n\r\nok");
        try {
            assertThat(in).hasSize(2);
            assertThat(((HttpResponse) in.get(0)).headers().get("set-cookie")).isEqualTo("a=b");
            assertThat(((LastHttpContent) in.get(1)).trailingHeaders()).isSameAs(EmptyHttpHeaders.INSTANCE);
        } finally {
            in.forEach(ReferenceCountUtil::release);
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void addedFieldsAreValidatedAsNettyDoes() {
        DecodedHeaders.checkAdded("X-Ok", "value with\ttab");
        DecodedHeaders.checkAdded("X-Empty", "");
        assertThatThrownBy(() -> DecodedHeaders.checkAdded("X-Bad", "a\r\nInjected: 1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("X-Bad");
        assertThatThrownBy(() -> DecodedHeaders.checkAdded("X Bad", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DecodedHeaders.checkAdded("X-Bad", " leading space"))
                .isInstanceOf(IllegalArgumentException.class);
        DecodedHeaders.checkAddedValue(HttpHeaderNames.COOKIE, "a=1; b=2");
        assertThatThrownBy(() -> DecodedHeaders.checkAddedValue(HttpHeaderNames.SET_COOKIE, "a=1\r\nX: 1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("set-cookie");
    }

    private static List<Object> readAll(EmbeddedChannel ch, String bytes) {
        ch.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.ISO_8859_1));
        List<Object> in = new ArrayList<>();
        Object o;
        while ((o = ch.readInbound()) != null) {
            in.add(o);
        }
        return in;
    }
}
