package io.mlbj.core.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.FileRegion;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.LeakPresenceDetector;
import java.util.List;

/**
 * The chunked transfer coding of {@link Http1MessageEncoder}, byte for byte as Netty 4.2's
 * {@code HttpObjectEncoder} writes it: {@code <size in lower-case hex>\r\n<data>\r\n} per non-empty chunk,
 * {@code 0\r\n<trailer fields>\r\n} at the end. A small chunk goes out as one buffer (size line, data, CRLF
 * and, at the end of the body, the last chunk) instead of three or four.
 */
final class ChunkFraming {
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] LAST_CHUNK_BYTES = {'0', '\r', '\n', '\r', '\n'};
    private static final ByteBuf CRLF = LeakPresenceDetector.staticInitializer(() -> Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(2).writeByte('\r').writeByte('\n')).asReadOnly());
    private static final ByteBuf LAST_CHUNK = LeakPresenceDetector.staticInitializer(() -> Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(LAST_CHUNK_BYTES.length).writeBytes(LAST_CHUNK_BYTES)).asReadOnly());

    private ChunkFraming() {
    }

    /** {@code 0\r\n\r\n}: the end of a chunked body without trailer fields. */
    static ByteBuf lastChunk() {
        return LAST_CHUNK.duplicate();
    }

    /**
     * Adds the chunk of {@code content} (if it is not empty) and, when {@code trailers} is not null, the last
     * chunk with them; an empty non-last chunk adds {@code content} itself so that something is written.
     */
    static void encodeChunk(ChannelHandlerContext ctx, ByteBuf content, HttpHeaders trailers, List<Object> out) {
        int length = content.readableBytes();
        if (length > 0 && length <= Http1MessageEncoder.COPY_BODY_LIMIT) {
            out.add(smallChunk(ctx, content, length, trailers));
            return;
        }
        if (length > 0) {
            out.add(sizeLine(ctx, length));
            out.add(content.retain());
            out.add(CRLF.duplicate());
        }
        if (trailers != null) {
            out.add(lastChunk(ctx, trailers));
        } else if (length == 0) {
            out.add(content.retain());
        }
    }

    /** As {@link #encodeChunk} for a file region (never with trailer fields). */
    static void encodeRegion(ChannelHandlerContext ctx, FileRegion region, List<Object> out) {
        long length = region.count();
        if (length > 0) {
            out.add(sizeLine(ctx, length));
            out.add(region.retain());
            out.add(CRLF.duplicate());
        } else if (length == 0) {
            out.add(region.retain());
        }
    }

    private static ByteBuf smallChunk(ChannelHandlerContext ctx, ByteBuf content, int length, HttpHeaders trailers) {
        // Through the byte array: a buffer-to-buffer copy between direct buffers allocates NIO views.
        HeadBytes chunk = HeadBytes.acquire();
        try {
            writeSizeLine(chunk, length);
            chunk.writeBytes(content, content.readerIndex(), length);
            chunk.writeCrlf();
            if (trailers != null) {
                writeLastChunk(chunk, trailers);
            }
            return chunk.copyTo(ctx.alloc().buffer(chunk.size()));
        } finally {
            chunk.release();
        }
    }

    private static ByteBuf lastChunk(ChannelHandlerContext ctx, HttpHeaders trailers) {
        if (trailers.isEmpty()) {
            return lastChunk();
        }
        HeadBytes tail = HeadBytes.acquire();
        try {
            writeLastChunk(tail, trailers);
            return tail.copyTo(ctx.alloc().buffer(tail.size()));
        } finally {
            tail.release();
        }
    }

    private static void writeLastChunk(HeadBytes tail, HttpHeaders trailers) {
        tail.writeByte('0');
        tail.writeCrlf();
        tail.writeFields(trailers);
        tail.writeCrlf();
    }

    private static ByteBuf sizeLine(ChannelHandlerContext ctx, long length) {
        HeadBytes line = HeadBytes.acquire();
        try {
            writeSizeLine(line, length);
            return line.copyTo(ctx.alloc().buffer(line.size()));
        } finally {
            line.release();
        }
    }

    private static int hexDigits(long value) {
        return value == 0 ? 1 : (64 - Long.numberOfLeadingZeros(value) + 3) >>> 2;
    }

    private static void writeSizeLine(HeadBytes chunk, long length) {
        for (int shift = (hexDigits(length) - 1) << 2; shift >= 0; shift -= 4) {
            chunk.writeByte(HEX[(int) (length >>> shift) & 0xF]);
        }
        chunk.writeCrlf();
    }
}
