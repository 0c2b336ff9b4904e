package io.mlbj.bench;

import io.mlbj.core.tls.PemBundle;
import io.mlbj.core.tls.SelfSignedCertificateWriter;
import io.mlbj.core.tls.SelfSignedCertificateWriter.KeyType;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
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
 * What a frontend connection pays for its server-side {@link SslHandler} before any handshake: the
 * handler and engine made and released, as the proxy does per connection, with Netty's {@code OPENSSL}
 * provider (engines with a finalizer) and {@code OPENSSL_REFCNT} (no finalizer); run with {@code -prof gc}
 * and the launcher's collector ({@code -jvmArgs "-Xmx128m -XX:+UseSerialGC"}) to see the GC share.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TlsEngineCreationBenchmark {

    /** Netty's OpenSSL provider flavour. */
    @Param({"OPENSSL", "OPENSSL_REFCNT"})
    public SslProvider provider;

    private SslContext server;

    /** Builds one server context (RSA 2048, as compare.sh uses). */
    @Setup
    public void setUp() throws SSLException {
        PemBundle bundle = SelfSignedCertificateWriter.generate("bench.test", KeyType.RSA_2048);
        server = SslContextBuilder.forServer(bundle.key(), bundle.chain()).sslProvider(provider).build();
    }

    /** Releases the context (a no-op for {@code OPENSSL}, whose context is freed by its finalizer). */
    @TearDown
    public void tearDown() {
        ReferenceCountUtil.release(server);
    }

    /** One connection's handler and engine, made and released as the SslHandler does on close. */
    @Benchmark
    public SSLEngine newHandler() {
        SslHandler handler = server.newHandler(ByteBufAllocator.DEFAULT);
        SSLEngine engine = handler.engine();
        ReferenceCountUtil.release(engine);
        return engine;
    }
}
