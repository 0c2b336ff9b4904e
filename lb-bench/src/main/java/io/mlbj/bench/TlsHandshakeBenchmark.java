package io.mlbj.bench;

import io.mlbj.core.routing.FrontendTls;
import io.mlbj.core.routing.ServerTls;
import io.mlbj.core.tls.BackendTlsContexts;
import io.mlbj.core.tls.FrontendTlsContexts;
import io.mlbj.core.tls.SelfSignedCertificateWriter;
import io.mlbj.core.tls.SelfSignedCertificateWriter.KeyType;
import io.mlbj.core.tls.TlsProvider;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
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
 * Full TLS handshakes per second in memory (no sockets): a client engine from
 * {@link BackendTlsContexts} ({@code verify none}) against a server engine from
 * {@link FrontendTlsContexts}, for each provider and key type; no session is resumed.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class TlsHandshakeBenchmark {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    /** The TLS implementation on both sides. */
    @Param({"OPENSSL", "JDK"})
    public TlsProvider provider;

    /** The server certificate's key. */
    @Param({"RSA_2048", "EC_P256"})
    public KeyType key;

    private SslContext server;
    private SslContext client;
    private Path certificate;
    private final ByteBuffer clientToServer = ByteBuffer.allocate(64 * 1024);
    private final ByteBuffer serverToClient = ByteBuffer.allocate(64 * 1024);
    private final ByteBuffer application = ByteBuffer.allocate(64 * 1024);

    /** Makes the certificate and both contexts through the production classes. */
    @Setup
    public void setUp() throws IOException {
        certificate = Files.createTempFile("tls-bench", ".pem");
        SelfSignedCertificateWriter.write(SelfSignedCertificateWriter.generate("bench.test", key), certificate);
        server = FrontendTlsContexts.build(
                new FrontendTls(List.of(certificate.toString()), List.of(), null, List.of()), provider).map(null);
        client = new BackendTlsContexts(provider).forServer(new ServerTls(false, null, null));
    }

    /** Removes the certificate file. */
    @TearDown
    public void tearDown() throws IOException {
        Files.deleteIfExists(certificate);
    }

    /** One full handshake between fresh engines; returns the negotiated protocol. */
    @Benchmark
    public String handshake() throws SSLException {
        // Without a peer host the client engine has no session-cache key, so every handshake is full.
        SSLEngine c = client.newEngine(ByteBufAllocator.DEFAULT);
        SSLEngine s = server.newEngine(ByteBufAllocator.DEFAULT);
        try {
            clientToServer.clear();
            serverToClient.clear();
            c.beginHandshake();
            s.beginHandshake();
            for (int round = 0; busy(c) || busy(s); round++) {
                boolean progress = step(c, clientToServer, serverToClient) | step(s, serverToClient, clientToServer);
                if (!progress || round > 100) {
                    throw new IllegalStateException("handshake stuck: client " + c.getHandshakeStatus()
                            + ", server " + s.getHandshakeStatus());
                }
            }
            return c.getSession().getProtocol();
        } finally {
            ReferenceCountUtil.release(c);
            ReferenceCountUtil.release(s);
        }
    }

    private static boolean busy(SSLEngine e) {
        HandshakeStatus hs = e.getHandshakeStatus();
        return hs != HandshakeStatus.NOT_HANDSHAKING && hs != HandshakeStatus.FINISHED;
    }

    // One move of one engine: write its next flight into out, or read the peer's flight from in.
    private boolean step(SSLEngine e, ByteBuffer out, ByteBuffer in) throws SSLException {
        HandshakeStatus hs = e.getHandshakeStatus();
        switch (hs) {
            case NEED_WRAP: {
                SSLEngineResult r = e.wrap(EMPTY, out);
                return r.bytesProduced() > 0 || r.getHandshakeStatus() != hs;
            }
            case NEED_UNWRAP:
            case NEED_UNWRAP_AGAIN: {
                in.flip();
                SSLEngineResult r = e.unwrap(in, application);
                in.compact();
                application.clear();
                return r.bytesConsumed() > 0 || r.getHandshakeStatus() != hs;
            }
            case NEED_TASK: {
                Runnable task;
                while ((task = e.getDelegatedTask()) != null) {
                    task.run();
                }
                return true;
            }
            default:
                return false;
        }
    }
}
