package io.mlbj.core.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * Hands the bytes of a buffer to an {@link HttpHeadScanner} as arrays: a heap buffer's own array, or a
 * direct buffer's bytes copied in chunks into one scratch array per thread (a bulk copy is far cheaper than
 * a callback per byte).
 */
public final class HeadScannerFeed {
    private static final int CHUNK = 2_048;
    private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[CHUNK];
        }
    };

    private HeadScannerFeed() {
    }

    /** Feeds {@code buffer}'s bytes from index {@code from} to {@code to} (exclusive) until the verdict is known. */
    public static HttpHeadScanner.Verdict feed(HttpHeadScanner scanner, ByteBuf buffer, int from, int to) {
        if (buffer.hasArray()) {
            int offset = buffer.arrayOffset();
            return scanner.feed(buffer.array(), offset + from, offset + to);
        }
        byte[] scratch = SCRATCH.get();
        HttpHeadScanner.Verdict verdict = scanner.verdict();
        while (from < to && verdict == HttpHeadScanner.Verdict.NEED_MORE) {
            int n = Math.min(CHUNK, to - from);
            buffer.getBytes(from, scratch, 0, n);
            verdict = scanner.feed(scratch, 0, n);
            from += n;
        }
        return verdict;
    }
}
