package io.mlbj.bench;

import com.sun.management.ThreadMXBean;
import io.mlbj.core.LbServer;
import io.mlbj.core.LbServerOptions;
import io.mlbj.core.NettyDefaults;
import io.mlbj.core.accesslog.AccessLog;
import io.mlbj.core.demo.EchoBackend;
import io.mlbj.core.routing.BindAddress;
import io.mlbj.core.routing.RoutingSnapshot;
import io.mlbj.core.routing.RoutingTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * The plain forwarding path with the proxy's garbage isolated: one keep-alive GET at a time through a real
 * {@link LbServer} (one I/O thread) to a pooled echo backend, with marathon-lb's vhost routing and
 * X-Forwarded-* rewrite from an interpreted config of {@code vhosts} apps. {@code -prof gc} counts every thread
 * (client, proxy and backend); after each iteration the bytes allocated by the proxy's I/O thread alone per
 * request are printed ({@code proxy I/O thread: N B/request}, with the thread's user and user+kernel CPU time per
 * request, figures that load from other processes does not inflate), which is the figure the zero-garbage goal is
 * about. (An {@code EmbeddedChannel} cannot stand in for the client: the backend pool makes its connections
 * on the client channel's own event loop, which must then be a real one.)
 *
 * <p>{@code accessLog}: {@code none} = the frontend has no {@code option httplog}; {@code off} = it has, with the
 * engine's access log switched off ({@code --no-access-log}); {@code httplog} = one line per request to the
 * {@code access} logger, routed here through an {@code AsyncAppender} to a temporary file.
 *
 * <p>{@code sticky}: {@code true} = the backend has the WSO2 case's {@code cookie JSESSIONID prefix nocache}
 * and every request carries a session cookie its second server prefixed (the steady state of a logged-in user:
 * the cookie is read and stripped, the server is the pinned one, the response sets no cookie).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ForwardingPathBenchmark {
    /** Number of vhosts on the frontend; the request names the first. */
    @Param({"1"})
    public int vhosts;

    /** Whether and how requests are logged (see the class comment). */
    @Param({"none", "off", "httplog"})
    public String accessLog;

    /** Whether the backend pins sessions by a prefixed JSESSIONID (see the class comment). */
    @Param({"false"})
    public boolean sticky;

    private EchoBackend echo;
    private Path accessFile;
    private LbServer lb;
    private Thread ioThread;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private byte[] request;
    private final byte[] buf = new byte[16384];
    private long requests;
    private long allocatedAtStart;
    private long userNanosAtStart;
    private long cpuNanosAtStart;

    @Setup(Level.Trial)
    public void start() throws IOException {
        NettyDefaults.apply(); // as the launchers do: the figures are the daemon's
        echo = EchoBackend.start("bench");
        String text = VhostConfig.text(vhosts, false, 0).replaceAll("10\\.0\\.[0-9]+\\.[0-9]+:[0-9]+",
                "127.0.0.1:" + echo.port());
        String cookie = "";
        if (sticky) {
            text = text.replace("  balance roundrobin\n", "  balance roundrobin\n  cookie JSESSIONID prefix nocache\n");
            Matcher server = Pattern.compile("(?m)^(  server \\S+ \\S+)$").matcher(text);
            StringBuilder withCookies = new StringBuilder();
            for (int k = 0; server.find(); k++) {
                server.appendReplacement(withCookies, "$1 cookie s" + (k % 3));
            }
            text = server.appendTail(withCookies).toString();
            cookie = "Cookie: lang=en; JSESSIONID=s1~4F2A9C0E7B1D3A5F8C6E2B0D9A7F1E3C; theme=dark\r\n";
        }
        if (!accessLog.equals("none")) {
            text = text.replace("  mode http\n", "  mode http\n  option httplog\n");
        }
        AccessLog log = switch (accessLog) {
            case "none", "off" -> AccessLog.OFF;
            case "httplog" -> {
                accessFile = Files.createTempFile("access", ".log");
                AccessLogFile.route(accessFile);
                yield AccessLog.toSlf4j();
            }
            default -> throw new IllegalArgumentException("accessLog: expected none, off or httplog, got " + accessLog);
        };
        BindAddress bind = new BindAddress("127.0.0.1", 0);
        RoutingSnapshot snapshot = VhostConfig.rebind(VhostConfig.interpret(text, vhosts), bind);
        lb = new LbServer(new RoutingTable(snapshot), LbServerOptions.defaults().withIoThreads(1).withAccessLog(log))
                .start();
        request = ("GET /bench HTTP/1.1\r\nHost: " + VhostConfig.host(0) + "\r\nUser-Agent: jmh\r\n"
                + "Accept: */*\r\n" + cookie + "\r\n").getBytes(StandardCharsets.US_ASCII);
        socket = new Socket("127.0.0.1", lb.boundAddress(bind).getPort());
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        roundTrip();
        ioThread = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("lb-io"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no lb-io thread"));
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        socket.close();
        lb.close(Duration.ofSeconds(1));
        echo.close();
        if (accessFile != null) {
            System.out.printf(Locale.ROOT, "%naccess log: %d bytes%n", Files.size(accessFile));
            Files.delete(accessFile);
        }
    }

    @Setup(Level.Iteration)
    public void markAllocation() {
        requests = 0;
        allocatedAtStart = allocatedByIoThread();
        userNanosAtStart = threads().getThreadUserTime(ioThread.getId());
        cpuNanosAtStart = threads().getThreadCpuTime(ioThread.getId());
    }

    @TearDown(Level.Iteration)
    public void reportAllocation() {
        long bytes = allocatedByIoThread() - allocatedAtStart;
        long user = threads().getThreadUserTime(ioThread.getId()) - userNanosAtStart;
        long cpu = threads().getThreadCpuTime(ioThread.getId()) - cpuNanosAtStart;
        double n = Math.max(1, requests);
        // CPU time of the one thread, so other processes on a shared machine do not count (they only slow it).
        System.out.printf(Locale.ROOT, "%nproxy I/O thread: %.1f B/request, user %.2f us/request, user+kernel %.2f us/request"
                + " (%d requests)%n", bytes / n, user / n / 1_000.0, cpu / n / 1_000.0, requests);
    }

    private long allocatedByIoThread() {
        return threads().getThreadAllocatedBytes(ioThread.getId());
    }

    private static ThreadMXBean threads() {
        return (ThreadMXBean) ManagementFactory.getThreadMXBean();
    }

    /** Sends one GET and reads the whole response (head, then Content-Length bytes). */
    @Benchmark
    public int roundTrip() throws IOException {
        requests++;
        out.write(request);
        return BlockingHttpResponses.read(in, buf);
    }



}
