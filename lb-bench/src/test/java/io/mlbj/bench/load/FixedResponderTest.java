package io.mlbj.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The {@code serve} target's handler on an embedded channel. */
class FixedResponderTest {

    @Test
    void answersEveryRequestWithTheFixedResponseAndHonoursConnectionClose() {
        ByteBuf content = Unpooled.unreleasableBuffer(Unpooled.copiedBuffer("hello", StandardCharsets.US_ASCII));
        EmbeddedChannel ch = new EmbeddedChannel(new HttpServerCodec(), new ServeCommand.FixedResponder(content, "b1"));

        ch.writeInbound(Unpooled.copiedBuffer("GET / HTTP/1.1\r\nHost: x\r\n\r\nPOST /p HTTP/1.1\r\nHost: x\r\n"
                + "Content-Length: 2\r\n\r\nab", StandardCharsets.US_ASCII));
        String first = readOutbound(ch);
        String both = first + readOutbound(ch);
        assertThat(both.split("HTTP/1.1 200 OK", -1)).hasSize(3);
        assertThat(first).contains("content-length: 5").contains("X-Server: b1").endsWith("\r\n\r\nhello");
        assertThat(ch.isOpen()).isTrue();

        ch.writeInbound(Unpooled.copiedBuffer("GET / HTTP/1.1\r\nConnection: close\r\n\r\n", StandardCharsets.US_ASCII));
        assertThat(readOutbound(ch)).contains("connection: close");
        ch.runPendingTasks();
        assertThat(ch.isOpen()).isFalse();
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    private static String readOutbound(EmbeddedChannel ch) {
        StringBuilder sb = new StringBuilder();
        for (Object o; (o = ch.readOutbound()) != null; ) {
            ByteBuf buf = (ByteBuf) o;
            sb.append(buf.toString(StandardCharsets.US_ASCII));
            buf.release();
            if (sb.toString().contains("\r\n\r\n") && (sb.toString().endsWith("hello"))) {
                break;
            }
        }
        return sb.toString();
    }
}
