package io.mlbj.core.tls;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import javax.net.ssl.SSLException;

/** A real TLS client over a socket to 127.0.0.1, with a blocking line exchange for assertions. */
final class TlsTestClient implements AutoCloseable {
    static final long TIMEOUT_SECONDS = 20;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    /** A trust-all client context offering ALPN http/1.1 with the given provider and protocols. */
    static SslContext trustAll(TlsProvider provider, String... protocols) throws SSLException {
        return SslContextBuilder.forClient()
                .sslProvider(provider.netty())
                .trustManager(InsecureTrustManagerFactory.INSTANCE)
                .endpointIdentificationAlgorithm(null)
                .protocols(protocols.length == 0 ? new String[] {"TLSv1.3", "TLSv1.2"} : protocols)
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_1_1))
                .build();
    }

    /** Connects with {@code context}, sending {@code sni} (null: none) as SNI. */
    Connection connect(int port, SslContext context, String sni) throws Exception {
        return connect(port, alloc -> sni == null ? context.newHandler(alloc) : context.newHandler(alloc, sni, port));
    }

    /** Connects with the TLS handler {@code tls} makes. */
    Connection connect(int port, Function<ByteBufAllocator, SslHandler> tls) throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        // Kept here because a refused handshake may close the channel (and empty its pipeline) before connect returns.
        AtomicReference<SslHandler> handler = new AtomicReference<>();
        Channel ch = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        SslHandler ssl = tls.apply(c.alloc());
                        handler.set(ssl);
                        c.pipeline().addLast("tls", ssl);
                        c.pipeline().addLast(new LineCollector(lines));
                    }
                })
                .connect("127.0.0.1", port).sync().channel();
        SslHandler ssl = handler.get();
        var handshake = ssl.handshakeFuture().await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!handshake) {
            throw new IllegalStateException("handshake did not finish in " + TIMEOUT_SECONDS + " s");
        }
        return new Connection(ch, ssl, lines);
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** One client connection after its handshake (successful or not). */
    record Connection(Channel channel, SslHandler ssl, BlockingQueue<String> lines) implements AutoCloseable {
        boolean handshakeSucceeded() {
            return ssl.handshakeFuture().isSuccess();
        }

        Throwable handshakeFailure() {
            return ssl.handshakeFuture().cause();
        }

        X509Certificate peerCertificate() throws Exception {
            return (X509Certificate) ssl.engine().getSession().getPeerCertificates()[0];
        }

        String protocol() {
            return ssl.engine().getSession().getProtocol();
        }

        String alpn() {
            return ssl.applicationProtocol();
        }

        /** Sends a line and waits for the server's answer line. */
        String exchange(String text) throws InterruptedException {
            channel.writeAndFlush(channel.alloc().buffer().writeBytes((text + "\n").getBytes(StandardCharsets.UTF_8)));
            String line = lines.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (line == null) {
                throw new IllegalStateException("no answer in " + TIMEOUT_SECONDS + " s");
            }
            return line;
        }

        @Override
        public void close() {
            channel.close().syncUninterruptibly();
        }
    }

    private static final class LineCollector extends ChannelInboundHandlerAdapter {
        private final BlockingQueue<String> lines;
        private final StringBuilder partial = new StringBuilder();

        LineCollector(BlockingQueue<String> lines) {
            this.lines = lines;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            try {
                partial.append(in.toString(StandardCharsets.UTF_8));
            } finally {
                in.release();
            }
            int nl;
            while ((nl = partial.indexOf("\n")) >= 0) {
                lines.add(partial.substring(0, nl));
                partial.delete(0, nl + 1);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
