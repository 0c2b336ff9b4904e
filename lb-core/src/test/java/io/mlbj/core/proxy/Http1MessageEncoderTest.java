package io.mlbj.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the one-pass encoders write, spelled out for the common cases (the property compares all others with Netty). */
class Http1MessageEncoderTest {

    @Test
    void aResponseHeadAndItsBody() {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpResponseHeadEncoder());
        HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        r.headers().add(HttpHeaderNames.CONTENT_LENGTH, "5").add("X-A", new AsciiString("b\u00e9"));
        ch.writeOutbound(r, new DefaultLastHttpContent(Unpooled.copiedBuffer("hello", StandardCharsets.US_ASCII)));
        assertThat(written(ch)).containsExactly("HTTP/1.1 200 OK\r\ncontent-length: 5\r\nX-A: b\u00e9\r\n\r\n", "hello");
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aSmallChunkIsOneBufferAndTrailersEndTheBody() {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpResponseHeadEncoder());
        HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_0, HttpResponseStatus.valueOf(599));
        r.headers().add(HttpHeaderNames.TRANSFER_ENCODING, "chunked");
        LastHttpContent end = new DefaultLastHttpContent();
        end.trailingHeaders().add("X-T", "1");
        ch.writeOutbound(r, new DefaultHttpContent(Unpooled.copiedBuffer("0123456789abcdefg", StandardCharsets.US_ASCII)), end);
        assertThat(written(ch)).containsExactly(
                "HTTP/1.0 599 Server Error (599)\r\ntransfer-encoding: chunked\r\n\r\n",
                "11\r\n0123456789abcdefg\r\n",
                "0\r\nX-T: 1\r\n\r\n");
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "http://host, GET http://host/ HTTP/1.1",
        "http://host?x=1, GET http://host/?x=1 HTTP/1.1",
        "http://host/p?x=1, GET http://host/p?x=1 HTTP/1.1",
        "'', GET / HTTP/1.1",
        "/caf\u00e9, GET /caf\u00c3\u00a9 HTTP/1.1",
    })
    void theRequestLineIsNettys(String uri, String line) {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpRequestHeadEncoder());
        ch.writeOutbound(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri), LastHttpContent.EMPTY_LAST_CONTENT);
        assertThat(String.join("", written(ch))).isEqualTo(line + "\r\n\r\n");
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aFieldCharAboveLatin1BecomesAQuestionMark() {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpRequestHeadEncoder());
        DefaultHttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf("PURGE"), "/");
        r.headers().add("X-V", "\u00ff\u20ac");
        ch.writeOutbound(r);
        assertThat(written(ch)).containsExactly("PURGE / HTTP/1.1\r\nX-V: \u00ff?\r\n\r\n");
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aBodyWithoutAHeadIsRefusedAndReleased() {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpResponseHeadEncoder());
        ByteBuf data = Unpooled.copiedBuffer("x", StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> ch.writeOutbound(new DefaultHttpContent(data)))
                .isInstanceOf(EncoderException.class)
                .hasRootCauseMessage("unexpected message type: DefaultHttpContent, state: 0");
        assertThat(data.refCnt()).isZero();
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    // Each buffer written, as Latin-1 text.
    @Test
    void aHeadWrittenWithTheVoidPromiseGoesOutWithItsSmallBodyAsOneBuffer() {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpResponseHeadEncoder());
        ch.write(okWithLength(5), ch.voidPromise());
        ch.write(new DefaultLastHttpContent(Unpooled.copiedBuffer("hello", StandardCharsets.US_ASCII)), ch.voidPromise());
        ch.flush();
        assertThat(written(ch)).containsExactly("HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nhello");
        // A bodiless request and its empty last content: one buffer too.
        EmbeddedChannel requests = new EmbeddedChannel(new HttpRequestHeadEncoder());
        requests.write(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/"), requests.voidPromise());
        requests.write(LastHttpContent.EMPTY_LAST_CONTENT, requests.voidPromise());
        requests.flush();
        assertThat(written(requests)).containsExactly("GET / HTTP/1.1\r\n\r\n");
        assertThat(ch.finishAndReleaseAll()).isFalse();
        assertThat(requests.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aHeldHeadLeavesFirstWhenWhatFollowsDoesNotFitOrIsNotItsBody() {
        String head = "HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\n";
        // A flush in between: the head is sent on its own, then the body.
        EmbeddedChannel flushed = new EmbeddedChannel(new HttpResponseHeadEncoder());
        flushed.writeAndFlush(okWithLength(5), flushed.voidPromise());
        flushed.writeAndFlush(new DefaultLastHttpContent(Unpooled.copiedBuffer("hello", StandardCharsets.US_ASCII)),
                flushed.voidPromise());
        assertThat(written(flushed)).containsExactly(head, "hello");
        // A body part larger than the room behind the head.
        EmbeddedChannel large = new EmbeddedChannel(new HttpResponseHeadEncoder());
        String big = "x".repeat(Http1MessageEncoder.COPY_BODY_LIMIT + 1);
        large.write(okWithLength(big.length()), large.voidPromise());
        large.write(new DefaultLastHttpContent(Unpooled.copiedBuffer(big, StandardCharsets.US_ASCII)), large.voidPromise());
        large.flush();
        assertThat(written(large)).containsExactly(head.replace("5", String.valueOf(big.length())), big);
        // A write someone waits for is never held.
        EmbeddedChannel awaited = new EmbeddedChannel(new HttpResponseHeadEncoder());
        awaited.write(okWithLength(5));
        awaited.write(new DefaultLastHttpContent(Unpooled.copiedBuffer("hello", StandardCharsets.US_ASCII)));
        awaited.flush();
        assertThat(written(awaited)).containsExactly(head, "hello");
        // Closing hands a held head on before the close, which drops it as it drops every unflushed write.
        List<String> beforeClose = new ArrayList<>();
        EmbeddedChannel closed = new EmbeddedChannel(new OutboundEvents(beforeClose), new HttpResponseHeadEncoder());
        closed.write(okWithLength(5), closed.voidPromise());
        closed.close();
        assertThat(beforeClose).containsExactly(head, "close");
        assertThat(written(closed)).isEmpty();
        assertThatThrownBy(closed::checkException).isInstanceOf(java.nio.channels.ClosedChannelException.class);
        for (EmbeddedChannel ch : List.of(flushed, large, awaited, closed)) {
            assertThat(ch.finishAndReleaseAll()).isFalse();
        }
    }

    @Test
    void aReleasedBodyPartAfterAHeldHeadFailsAsItWouldUnheld() {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpResponseHeadEncoder());
        ch.write(okWithLength(5), ch.voidPromise());
        DefaultLastHttpContent gone = new DefaultLastHttpContent(Unpooled.copiedBuffer("hello", StandardCharsets.US_ASCII));
        gone.release();
        assertThat(ch.writeAndFlush(gone).cause()).isInstanceOf(EncoderException.class);
        assertThat(written(ch)).containsExactly("HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\n");
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void removingTheEncoderSendsItsHeldHead() {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpResponseHeadEncoder());
        ch.write(okWithLength(5), ch.voidPromise());
        ch.pipeline().removeFirst();
        ch.flush();
        assertThat(written(ch)).containsExactly("HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\n");
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    // Records what passes towards the socket: a buffer's text, or "close".
    private static final class OutboundEvents extends ChannelOutboundHandlerAdapter {
        private final List<String> events;

        OutboundEvents(List<String> events) {
            this.events = events;
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            events.add(((ByteBuf) msg).toString(StandardCharsets.ISO_8859_1));
            ctx.write(msg, promise);
        }

        @Override
        public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
            events.add("close");
            ctx.close(promise);
        }
    }

    private static HttpResponse okWithLength(int length) {
        HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        r.headers().add(HttpHeaderNames.CONTENT_LENGTH, String.valueOf(length));
        return r;
    }

    private static List<String> written(EmbeddedChannel ch) {
        List<String> out = new ArrayList<>();
        for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
            out.add(b.toString(StandardCharsets.ISO_8859_1));
            b.release();
        }
        return out;
    }
}
