package io.mlbj.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A scanned request's target: bytes of the head until asked for, written as received unless replaced. */
class ScannedRequestTest {
    private static HttpRequest decode(String head) {
        EmbeddedChannel ch = new EmbeddedChannel(new ClientHttpCodec(new HttpDecoderConfig(),
                FrontendChannelInitializer.MAX_HEAD_BYTES, 100, true));
        HttpRequest r = next(ch, head);
        assertThat(r).isInstanceOf(ScannedRequest.class);
        assertThat(r.decoderResult().isSuccess()).isTrue();
        ch.finishAndReleaseAll();
        return r;
    }

    private static String encode(HttpRequest r) {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpRequestHeadEncoder());
        ch.writeOutbound(r, LastHttpContent.EMPTY_LAST_CONTENT);
        StringBuilder out = new StringBuilder();
        for (Object o; (o = ch.readOutbound()) != null; ) {
            out.append(((ByteBuf) o).toString(StandardCharsets.ISO_8859_1));
            ReferenceCountUtil.release(o);
        }
        ch.finishAndReleaseAll();
        return out.toString();
    }

    @Test
    void theTargetIsWrittenAsReceivedAndReadsAsItsText() {
        HttpRequest r = decode("GET /a/b?c=d&e=%41 HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(((ScannedRequest) r).targetAsReceived()).isTrue();
        assertThat(encode(r)).startsWith("GET /a/b?c=d&e=%41 HTTP/1.1\r\nHost: x\r\n");
        assertThat(r.uri()).isEqualTo("/a/b?c=d&e=%41");
        assertThat(r.uri()).isSameAs(r.uri());
    }

    @Test
    void aReplacedTargetIsWrittenInsteadOfTheReceivedOne() {
        HttpRequest r = decode("GET /old HTTP/1.1\r\nHost: x\r\n\r\n");
        r.setUri("/new?q");
        assertThat(((ScannedRequest) r).targetAsReceived()).isFalse();
        assertThat(r.uri()).isEqualTo("/new?q");
        assertThat(encode(r)).startsWith("GET /new?q HTTP/1.1\r\n");
    }

    @Test
    void anAbsoluteTargetWithoutAPathIsGivenOneAsNettyWritesIt() {
        HttpRequest r = decode("GET http://example.com HTTP/1.1\r\nHost: example.com\r\n\r\n");
        assertThat(((ScannedRequest) r).targetAsReceived()).isFalse();
        assertThat(r.uri()).isEqualTo("http://example.com");
        assertThat(encode(r)).startsWith("GET http://example.com/ HTTP/1.1\r\n");
    }

    @Test
    void aRequestDecodedIntoOneWhoseTargetWasReadOrReplacedHasItsOwnTarget() {
        ClientHttpCodec codec = new ClientHttpCodec(new HttpDecoderConfig(), FrontendChannelInitializer.MAX_HEAD_BYTES,
                100, true);
        EmbeddedChannel ch = new EmbeddedChannel(codec);
        HttpRequest read = next(ch, "GET /read HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(read.uri()).isEqualTo("/read");
        codec.requestDone(read);
        HttpRequest second = next(ch, "GET /second HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(second).isSameAs(read);
        assertThat(second.uri()).isEqualTo("/second");
        second.setUri("/replaced");
        codec.requestDone(second);
        HttpRequest third = next(ch, "GET /third HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(third).isSameAs(read);
        assertThat(((ScannedRequest) third).targetAsReceived()).isTrue();
        assertThat(encode(third)).startsWith("GET /third HTTP/1.1\r\n");
        assertThat(third.uri()).isEqualTo("/third");
        ch.finishAndReleaseAll();
    }

    private static HttpRequest next(EmbeddedChannel ch, String head) {
        ch.writeInbound(Unpooled.copiedBuffer(head, StandardCharsets.ISO_8859_1));
        HttpRequest r = ch.readInbound();
        assertThat((Object) ch.readInbound()).isInstanceOf(LastHttpContent.class);
        return r;
    }

    @Test
    void itEqualsAndHashesAsNettysRequestOfTheSameParts() {
        HttpRequest scanned = decode("GET /same HTTP/1.1\r\nHost: x\r\n\r\n");
        HttpRequest netty = new DefaultHttpRequest(scanned.protocolVersion(), scanned.method(), "/same", scanned.headers());
        assertThat(scanned).isEqualTo(netty);
        assertThat(netty).isEqualTo(scanned);
        assertThat(scanned.hashCode()).isEqualTo(netty.hashCode());
        // The same text but for the class name that starts it.
        assertThat(scanned.toString()).endsWith(netty.toString().substring(netty.toString().indexOf('(')));
        netty.setUri("/other");
        assertThat(scanned).isNotEqualTo(netty);
    }
}
