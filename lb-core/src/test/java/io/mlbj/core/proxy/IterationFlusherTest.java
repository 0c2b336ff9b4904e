package io.mlbj.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IterationFlusherTest {
    private final Transport transport = Transport.detect();
    private EventLoopGroup group;
    private ServerSocket peerListener;
    private Socket peer;
    private Channel channel;

    @BeforeEach
    void connect() throws Exception {
        group = transport.newGroup(1, "flusher-test");
        peerListener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        channel = new Bootstrap().group(group).channel(transport.channelType())
                .handler(new ChannelInboundHandlerAdapter())
                .connect(peerListener.getLocalSocketAddress()).sync().channel();
        peer = peerListener.accept();
        peer.setSoTimeout(10_000);
    }

    @AfterEach
    void close() throws Exception {
        channel.close().sync();
        peer.close();
        peerListener.close();
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).sync();
    }

    @Test
    void onTheLoopTheWriteWaitsForTheEndOfTheIterationThenGoes() throws Exception {
        int flushedRightAfter = channel.eventLoop().submit(() -> {
            channel.write(text("one "));
            IterationFlusher.flushLater(channel);
            return channel.unsafe().outboundBuffer().size();
        }).get(10, TimeUnit.SECONDS);

        assertThat(flushedRightAfter).as("messages flushed before the iteration ends").isZero();
        assertThat(readFromPeer(4)).isEqualTo("one ");
    }

    @Test
    void aChannelDeferredTwiceInOneIterationIsFlushedAndLaterIterationsFlushAgain() throws Exception {
        channel.eventLoop().submit(() -> {
            channel.write(text("a"));
            IterationFlusher.flushLater(channel);
            channel.write(text("b"));
            IterationFlusher.flushLater(channel);
        }).get(10, TimeUnit.SECONDS);
        assertThat(readFromPeer(2)).isEqualTo("ab");

        channel.eventLoop().submit(() -> {
            channel.write(text("c"));
            IterationFlusher.flushLater(channel);
        }).get(10, TimeUnit.SECONDS);
        assertThat(readFromPeer(1)).isEqualTo("c");
    }

    @Test
    void offTheLoopItFlushesAtOnce() throws Exception {
        channel.write(text("now"));
        IterationFlusher.flushLater(channel);

        assertThat(readFromPeer(3)).isEqualTo("now");
    }

    @Test
    void anEmbeddedChannelIsFlushedAtOnce() {
        EmbeddedChannel embedded = new EmbeddedChannel();
        embedded.write(text("x"));

        IterationFlusher.flushLater(embedded);

        ByteBuf out = embedded.readOutbound();
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("x");
        out.release();
        embedded.finishAndReleaseAll();
    }

    private static ByteBuf text(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    private String readFromPeer(int length) throws Exception {
        InputStream in = peer.getInputStream();
        byte[] got = in.readNBytes(length);
        return new String(got, StandardCharsets.US_ASCII);
    }
}
