package io.mlbj.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A server response's last body part read as a range of the read buffer: the same bytes and reference count as
 * Netty's retained slice, whether the slice is ever made or not.
 */
class RefilledLastContentTest {
    private static final HttpHeadersFactory TRAILERS = DefaultHttpHeadersFactory.trailersFactory();

    @Test
    void theLastPartIsTheRangeReadAndHoldsOneReferenceOfTheReadBuffer() {
        HeadReuse reuse = new HeadReuse(ScannedMessageDecoder.MessageReuse.BY_NEXT_HEAD);
        ByteBuf read = latin1("head|body|");
        read.skipBytes(5);
        LastHttpContent part = reuse.readLastContent(read, 4, TRAILERS);
        assertThat(read.readerIndex()).isEqualTo(9);
        assertThat(read.refCnt()).isEqualTo(2);
        assertThat(part.refCnt()).isEqualTo(2);
        assertThat(RefilledLastContent.readableBytes(part)).isEqualTo(4);
        ByteBuf into = Unpooled.buffer(8).writeBytes("ab".getBytes(StandardCharsets.US_ASCII));
        RefilledLastContent.copy(part, into, 2);
        assertThat(into.writerIndex()).isEqualTo(2); // indexes as they were
        assertThat(into.toString(0, 6, StandardCharsets.ISO_8859_1)).isEqualTo("abbody");
        into.release();
        // As a retained slice would be: reader index 0, its own length, the same object each time.
        ByteBuf content = part.content();
        assertThat(content.readerIndex()).isZero();
        assertThat(content.toString(StandardCharsets.ISO_8859_1)).isEqualTo("body");
        assertThat(part.content()).isSameAs(content);
        assertThat(part.release()).isFalse();
        assertThat(read.refCnt()).isEqualTo(1);
        assertThat(read.release()).isTrue();
    }

    @Test
    void onceTheSliceIsMadeItsIndexesAreWhatIsReadAndCopied() {
        HeadReuse reuse = new HeadReuse(ScannedMessageDecoder.MessageReuse.BY_NEXT_HEAD);
        ByteBuf read = latin1("body");
        LastHttpContent part = lastPartOf(reuse, read);
        part.content().skipBytes(1);
        assertThat(RefilledLastContent.readableBytes(part)).isEqualTo(3);
        ByteBuf into = Unpooled.buffer(3);
        RefilledLastContent.copy(part, into, 0);
        assertThat(into.writerIndex(3).toString(StandardCharsets.ISO_8859_1)).isEqualTo("ody");
        into.release();
        assertThat(part.release()).isTrue();
        assertThat(read.refCnt()).isZero();
    }

    @Test
    void aRefillForgetsTheSliceOfTheResponseBefore() {
        HeadReuse reuse = new HeadReuse(ScannedMessageDecoder.MessageReuse.BY_NEXT_HEAD);
        ByteBuf first = latin1("first");
        LastHttpContent part = lastPartOf(reuse, first);
        ByteBuf firstSlice = part.content().retain(); // e.g. still queued toward the client
        part.release();
        ByteBuf second = latin1("2nd");
        LastHttpContent next = lastPartOf(reuse, second);
        assertThat(next).isSameAs(part);
        assertThat(RefilledLastContent.readableBytes(next)).isEqualTo(3);
        assertThat(next.content().toString(StandardCharsets.ISO_8859_1)).isEqualTo("2nd");
        assertThat(firstSlice.toString(StandardCharsets.ISO_8859_1)).isEqualTo("first");
        assertThat(firstSlice.release()).isTrue();
        assertThat(next.release()).isTrue();
        assertThat(first.refCnt()).isZero();
        assertThat(second.refCnt()).isZero();
    }

    @Test
    void behindAHeldHeadTheLastPartIsCopiedAndItsReadBufferLetGo() {
        HeadReuse reuse = new HeadReuse(ScannedMessageDecoder.MessageReuse.BY_NEXT_HEAD);
        ByteBuf read = latin1("HTTP/1.1 200 OK\r\n\r\nhello");
        read.skipBytes(19);
        LastHttpContent part = lastPartOf(reuse, read);
        EmbeddedChannel ch = new EmbeddedChannel(new HttpResponseHeadEncoder());
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().add(HttpHeaderNames.CONTENT_LENGTH, "5");
        ch.write(head, ch.voidPromise());
        ch.write(part, ch.voidPromise());
        ch.flush();
        ByteBuf out = ch.readOutbound();
        assertThat(out.toString(StandardCharsets.ISO_8859_1))
                .isEqualTo("HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nhello");
        out.release();
        assertThat((Object) ch.readOutbound()).isNull();
        assertThat(read.refCnt()).isZero();
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void withoutRefillingTheLastPartIsNettysOverARetainedSlice() {
        HeadReuse reuse = new HeadReuse(ScannedMessageDecoder.MessageReuse.NONE);
        ByteBuf read = latin1("body");
        LastHttpContent part = lastPartOf(reuse, read);
        assertThat(part).isNotInstanceOf(RefilledLastContent.class);
        assertThat(RefilledLastContent.readableBytes(part)).isEqualTo(4);
        assertThat(part.content().toString(StandardCharsets.ISO_8859_1)).isEqualTo("body");
        assertThat(part.release()).isTrue();
        assertThat(read.refCnt()).isZero();
    }

    // As the decoder hands it on: all of read's readable bytes the last part, then its own reference let go.
    private static LastHttpContent lastPartOf(HeadReuse reuse, ByteBuf read) {
        LastHttpContent part = reuse.readLastContent(read, read.readableBytes(), TRAILERS);
        read.release();
        return part;
    }

    private static ByteBuf latin1(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }
}
