package io.mlbj.bench;

import io.mlbj.core.proxy.HopByHopHeaders;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Hop-by-hop stripping, run on every request and every response head: a response as nginx sends it
 * ({@code Connection: keep-alive}), then the same field put back for the next operation (one header entry,
 * the same in every variant), or a request without a {@code Connection} field.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HopByHopHeadersBenchmark {
    /** The Connection field of the message, or {@code none}. */
    @Param({"keep-alive", "none"})
    public String connection;

    private HttpHeaders headers;
    private boolean restore;

    @Setup
    public void setUp() {
        headers = new DefaultHttpHeaders()
                .add("Server", "nginx/1.22.1")
                .add("Date", "Fri, 27 Nov 2026 03:00:00 GMT")
                .add("Content-Type", "application/octet-stream")
                .add("Content-Length", "1024")
                .add("Last-Modified", "Fri, 27 Nov 2026 02:00:00 GMT")
                .add("ETag", "\"6566f8a0-400\"")
                .add("X-Server", "a")
                .add("Accept-Ranges", "bytes");
        restore = !connection.equals("none");
    }

    /** Strips the hop-by-hop fields and puts the Connection field back. */
    @Benchmark
    public HttpHeaders strip() {
        if (restore) {
            headers.add("Connection", connection);
        }
        HopByHopHeaders.strip(headers, false);
        return headers;
    }
}
