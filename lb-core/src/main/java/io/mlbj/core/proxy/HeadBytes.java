package io.mlbj.core.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import io.netty.util.CharsetUtil;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.Iterator;
import java.util.Map;

/**
 * A growable byte array an HTTP/1.1 head (or trailer block) is written into before it is copied into a buffer
 * of exactly its size: one pass over the fields gives both the bytes and the size. Characters are written as
 * Netty's {@code HttpHeadersEncoder} writes them ({@link AsciiString} bytes as they are, any other
 * {@code CharSequence} char by char through {@link AsciiString#c2b}). One instance per thread is reused;
 * {@link #acquire()} hands out a fresh one if the thread's is already in use.
 */
final class HeadBytes {
    private static final int INITIAL = 1024;
    // A thread keeps a grown array only up to this size; one huge head must not pin memory for good.
    private static final int KEPT = 64 * 1024;
    private static final FastThreadLocal<HeadBytes> PER_THREAD = new FastThreadLocal<>() {
        @Override
        protected HeadBytes initialValue() {
            return new HeadBytes();
        }
    };

    private byte[] bytes = new byte[INITIAL];
    private int size;
    private boolean inUse;

    private HeadBytes() {
    }

    /** This thread's empty instance (or a new one when it is in use); give it back with {@link #release()}. */
    static HeadBytes acquire() {
        HeadBytes h = PER_THREAD.get();
        if (h.inUse) {
            h = new HeadBytes();
        }
        h.inUse = true;
        h.size = 0;
        return h;
    }

    /** Ends this use of the instance. */
    void release() {
        inUse = false;
        if (bytes.length > KEPT) {
            bytes = new byte[INITIAL];
        }
    }

    /** Bytes written so far. */
    int size() {
        return size;
    }

    private void ensure(int more) {
        int needed = size + more;
        if (needed > bytes.length) {
            byte[] grown = new byte[Math.max(needed, bytes.length << 1)];
            System.arraycopy(bytes, 0, grown, 0, size);
            bytes = grown;
        }
    }

    void writeByte(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    void writeCrlf() {
        ensure(2);
        bytes[size++] = '\r';
        bytes[size++] = '\n';
    }

    void writeBytes(byte[] b) {
        writeBytes(b, 0, b.length);
    }

    void writeBytes(byte[] b, int from, int length) {
        ensure(length);
        System.arraycopy(b, from, bytes, size, length);
        size += length;
    }

    /** Copies {@code length} bytes of {@code src} from {@code index} (a copy into a {@code byte[]} allocates nothing). */
    void writeBytes(ByteBuf src, int index, int length) {
        ensure(length);
        src.getBytes(index, bytes, size, length);
        size += length;
    }

    /** Writes {@code s} one byte a char, as Netty's {@code ByteBufUtil.writeAscii} does. */
    void writeAscii(CharSequence s) {
        int n = s.length();
        ensure(n);
        putAscii(s, n);
    }

    private void putAscii(CharSequence s, int n) {
        byte[] b = bytes;
        int p = size;
        if (s instanceof AsciiString a) {
            System.arraycopy(a.array(), a.arrayOffset(), b, p, n);
        } else if (s instanceof String str) {
            for (int i = 0; i < n; i++) {
                b[p + i] = AsciiString.c2b(str.charAt(i));
            }
        } else {
            for (int i = 0; i < n; i++) {
                b[p + i] = AsciiString.c2b(s.charAt(i));
            }
        }
        size = p + n;
    }

    /** Writes {@code s} in UTF-8 exactly as {@code ByteBuf.writeCharSequence(s, UTF_8)} does. */
    void writeUtf8(CharSequence s) {
        int n = s.length();
        ensure(n);
        int start = size;
        byte[] b = bytes;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                // Rare: leave the multi-byte and surrogate rules to Netty's own encoder.
                size = start;
                writeUtf8ByNetty(s);
                return;
            }
            b[start + i] = (byte) c;
        }
        size = start + n;
    }

    private void writeUtf8ByNetty(CharSequence s) {
        ByteBuf tmp = Unpooled.buffer(ByteBufUtil.utf8MaxBytes(s));
        try {
            tmp.writeCharSequence(s, CharsetUtil.UTF_8);
            int n = tmp.readableBytes();
            ensure(n);
            tmp.readBytes(bytes, size, n);
            size += n;
        } finally {
            tmp.release();
        }
    }

    /** Writes every field of {@code headers} as {@code name: value\r\n}, in iteration order. */
    void writeFields(HttpHeaders headers) {
        if (headers instanceof ScannedHeaders scanned) {
            scanned.writeTo(this);
            return;
        }
        // A loop this small lets the JIT inline the iterator's calls and so not allocate the iterator.
        Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence();
        while (it.hasNext()) {
            Map.Entry<CharSequence, CharSequence> e = it.next();
            writeField(e.getKey(), e.getValue());
        }
    }

    /** Writes {@code name: value\r\n}. */
    void writeField(CharSequence name, CharSequence value) {
        int nameLength = name.length();
        int valueLength = value.length();
        ensure(nameLength + valueLength + 4);
        putAscii(name, nameLength);
        bytes[size++] = ':';
        bytes[size++] = ' ';
        putAscii(value, valueLength);
        bytes[size++] = '\r';
        bytes[size++] = '\n';
    }

    /** Writes {@code name: value\r\n} with the name and the value at these offsets of {@code src}. */
    void writeField(byte[] src, int nameStart, int nameEnd, int valueStart, int valueEnd) {
        int nameLength = nameEnd - nameStart;
        int valueLength = valueEnd - valueStart;
        ensure(nameLength + valueLength + 4);
        byte[] b = bytes;
        int p = size;
        System.arraycopy(src, nameStart, b, p, nameLength);
        p += nameLength;
        b[p++] = ':';
        b[p++] = ' ';
        System.arraycopy(src, valueStart, b, p, valueLength);
        p += valueLength;
        b[p++] = '\r';
        b[p++] = '\n';
        size = p;
    }

    /** Appends everything written to {@code buf}. */
    ByteBuf copyTo(ByteBuf buf) {
        return buf.writeBytes(bytes, 0, size);
    }
}
