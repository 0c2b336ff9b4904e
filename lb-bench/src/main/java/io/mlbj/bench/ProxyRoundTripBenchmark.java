package io.mlbj.bench;

import io.mlbj.core.LbServer;
import io.mlbj.core.LbServerOptions;
import io.mlbj.core.NettyDefaults;
import io.mlbj.core.demo.EchoBackend;
import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.Balance;
import io.mlbj.core.routing.BindAddress;
import io.mlbj.core.routing.Frontend;
import io.mlbj.core.routing.ProxyMode;
import io.mlbj.core.routing.RoutingSnapshot;
import io.mlbj.core.routing.RoutingTable;
import io.mlbj.core.routing.Server;
import io.mlbj.core.routing.Timeouts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * One keep-alive HTTP GET through the real proxy (LbServer, one I/O thread) to a pooled echo backend on
 * loopback, and back: the whole forwarding path including both sockets. Allocation figures cover
 * every thread of the JVM (client, proxy and backend).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ProxyRoundTripBenchmark {
    private static final byte[] REQUEST =
            "GET /bench HTTP/1.1\r\nHost: bench\r\nUser-Agent: jmh\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** {@code proxy}: through the LB; {@code direct}: straight to the echo backend (the baseline). */
    @Param({"proxy", "direct"})
    public String target;

    private EchoBackend echo;
    private LbServer lb;
    private int port;

    @Setup(Level.Trial)
    public void start() {
        NettyDefaults.apply(); // as the launchers do: the figures are the daemon's
        echo = EchoBackend.start("bench");
        Backend be = new Backend("be", ProxyMode.HTTP, Balance.ROUNDROBIN, null,
                List.of(new Server("bench", "127.0.0.1", echo.port(), 0, 1, null, false, null, null, 0)),
                true, false, true, 3, List.of(), List.of(), Timeouts.MARATHON_LB_DEFAULTS);
        BindAddress bind = new BindAddress("127.0.0.1", 0);
        Frontend fe = new Frontend("fe", List.of(bind), ProxyMode.HTTP, null, List.of(), "be", List.of(), List.of(),
                Timeouts.MARATHON_LB_DEFAULTS, 0, false);
        lb = new LbServer(new RoutingTable(new RoutingSnapshot(List.of(fe), Map.of("be", be), "", List.of())),
                LbServerOptions.defaults().withIoThreads(1)).start();
        port = lb.boundAddress(bind).getPort();
    }

    @TearDown(Level.Trial)
    public void stop() {
        lb.close(Duration.ofSeconds(1));
        echo.close();
    }

    /** One client connection per benchmark thread, kept alive across requests. */
    @State(Scope.Thread)
    public static class Client {
        Socket socket;
        InputStream in;
        OutputStream out;
        final byte[] buf = new byte[8192];

        @Setup(Level.Trial)
        public void connect(ProxyRoundTripBenchmark bench) throws IOException {
            socket = new Socket("127.0.0.1", bench.target.equals("direct") ? bench.echo.port() : bench.port);
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
        return BlockingHttpResponses.read(c.in, c.buf);
    }


}
