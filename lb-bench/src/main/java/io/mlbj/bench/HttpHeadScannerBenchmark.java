package io.mlbj.bench;

import io.mlbj.core.proxy.HeadScannerFeed;
import io.mlbj.core.proxy.HttpHeadScanner;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The strict head check every request and response passes before Netty's parser: one scan of a
 * typical browser request head held in a direct buffer, as the client codec does it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HttpHeadScannerBenchmark {
    /** Extra header fields beyond a browser's usual dozen. */
    @Param({"0", "40"})
    public int extraFields;

    private ByteBuf head;
    private HttpHeadScanner scanner;

    /** Builds the head and the scanner. */
    @Setup
    public void setUp() {
        StringBuilder sb = new StringBuilder("GET /app/index.html?user=42&tab=settings HTTP/1.1\r\n")
                .append("Host: app.example.com\r\n")
                .append("User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0\r\n")
                .append("Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n")
                .append("Accept-Language: en-US,en;q=0.5\r\n")
                .append("Accept-Encoding: gzip, deflate, br\r\n")
                .append("Connection: keep-alive\r\n")
                .append("Cookie: MLBSTICKY=s2; session=0123456789abcdef0123456789abcdef\r\n")
                .append("Upgrade-Insecure-Requests: 1\r\n")
                .append("Sec-Fetch-Dest: document\r\n")
                .append("Sec-Fetch-Mode: navigate\r\n")
                .append("Sec-Fetch-Site: none\r\n");
        for (int i = 0; i < extraFields; i++) {
            sb.append("X-Extra-").append(i).append(": some value ").append(i).append("\r\n");
        }
        byte[] bytes = sb.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        head = Unpooled.directBuffer(bytes.length).writeBytes(bytes);
        scanner = new HttpHeadScanner(HttpHeadScanner.Kind.REQUEST, 16_384 - 1_024, 100);
    }

    /** Releases the buffer. */
    @TearDown
    public void tearDown() {
        head.release();
    }

    /** One full scan of the head, as the codecs do it: table-driven runs over the bytes copied to an array. */
    @Benchmark
    public HttpHeadScanner.Verdict scanHead() {
        scanner.reset();
        return HeadScannerFeed.feed(scanner, head, head.readerIndex(), head.writerIndex());
    }

    /** The same scan with one callback per byte (the reference the bulk scan is tested against). */
    @Benchmark
    public HttpHeadScanner.Verdict scanHeadByteByByte() {
        scanner.reset();
        head.forEachByte(head.readerIndex(), head.readableBytes(), scanner::next);
        return scanner.verdict();
    }
}
