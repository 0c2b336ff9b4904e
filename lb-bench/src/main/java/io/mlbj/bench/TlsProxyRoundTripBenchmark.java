package io.mlbj.bench;

import io.mlbj.core.LbServer;
import io.mlbj.core.LbServerOptions;
import io.mlbj.core.NettyDefaults;
import io.mlbj.core.demo.EchoBackend;
import io.mlbj.core.haproxy.ConfigException;
import io.mlbj.core.haproxy.ConfigInterpreter;
import io.mlbj.core.haproxy.MapFileReader;
import io.mlbj.core.routing.RoutingTable;
import io.mlbj.core.tls.SelfSignedCertificateWriter;
import io.mlbj.core.tls.TlsSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * One keep-alive HTTPS GET through the real proxy (config text, {@link TlsSupport}, one I/O thread) to a
 * pooled plain echo backend: TLS record work of the proxy with the OpenSSL or JDK provider, against the
 * same request over plain HTTP. The client is a JDK {@code SSLSocket} in every TLS case.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TlsProxyRoundTripBenchmark {
    private static final byte[] REQUEST =
            "GET /bench HTTP/1.1\r\nHost: bench\r\nUser-Agent: jmh\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** The proxy's TLS provider ({@code openssl}, {@code jdk}), or {@code plain} for HTTP without TLS. */
    @Param({"openssl", "jdk", "plain"})
    public String provider;

    private Path dir;
    private EchoBackend echo;
    private TlsSupport tls;
    private LbServer lb;
    private int tlsPort;
    private int plainPort;

    @Setup(Level.Trial)
    public void start() throws IOException, ConfigException {
        NettyDefaults.apply(); // as the launchers do: the figures are the daemon's
        dir = Files.createTempDirectory("tls-bench");
        Path pem = dir.resolve("cert.pem");
        SelfSignedCertificateWriter.write(
                SelfSignedCertificateWriter.generate("bench", SelfSignedCertificateWriter.KeyType.EC_P256), pem);
        echo = EchoBackend.start("bench");
        String config = """
                defaults
                  timeout connect 5s
                  timeout client 30s
                  timeout server 30s
                  timeout http-keep-alive 30s
                frontend https_in
                  bind 127.0.0.1:0 ssl crt %s
                  mode http
                  default_backend be
                frontend http_in
                  bind 127.0.0.2:0
                  mode http
                  default_backend be
                backend be
                  mode http
                  server s1 127.0.0.1:%d
                """.formatted(pem, echo.port());
        var snapshot = new ConfigInterpreter(MapFileReader.NONE, false).interpret(config, "bench.cfg");
        tls = TlsSupport.forProviderName(provider.equals("plain") ? "jdk" : provider);
        tls.prepare(snapshot);
        RoutingTable table = new RoutingTable(snapshot);
        tls.follow(table);
        lb = new LbServer(table, tls.applyTo(LbServerOptions.defaults().withIoThreads(1))).start();
        tlsPort = lb.boundAddress(snapshot.frontends().get(0).binds().get(0)).getPort();
        plainPort = lb.boundAddress(snapshot.frontends().get(1).binds().get(0)).getPort();
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        lb.close(Duration.ofSeconds(1));
        tls.close();
        echo.close();
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    /** One client connection per benchmark thread, kept alive across requests. */
    @State(Scope.Thread)
    public static class Client {
        Socket socket;
        InputStream in;
        OutputStream out;
        final byte[] buf = new byte[8192];

        @Setup(Level.Trial)
        public void connect(TlsProxyRoundTripBenchmark bench) throws Exception {
            if (bench.provider.equals("plain")) {
                socket = new Socket("127.0.0.2", bench.plainPort);
            } else {
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(null, new TrustManager[] {new TrustAnything()}, null);
                SSLSocket ssl = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", bench.tlsPort);
                ssl.startHandshake();
                socket = ssl;
            }
            socket.setTcpNoDelay(true);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            socket.close();
        }
    }

    /** Sends one GET and reads the whole response (head, then Content-Length bytes). */
    @Benchmark
    public int roundTrip(Client c) throws IOException {
        c.out.write(REQUEST);
        c.out.flush();
        return BlockingHttpResponses.read(c.in, c.buf);
    }



    // The benchmark measures the proxy, not certificate checks: the client accepts the self-signed one.
    private static final class TrustAnything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
