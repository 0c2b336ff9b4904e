package io.mlbj.core.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.FileRegion;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.PromiseCombiner;
import io.netty.util.internal.StringUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * An HTTP/1.1 encoder that writes exactly the bytes of Netty 4.2's {@code HttpObjectEncoder} (same framing
 * state machine, same reference counting, same errors) but builds each head in one pass into a
 * {@link HeadBytes} and copies it into one buffer of exactly its size, with the initial line from cached bytes
 * for the common versions, methods and statuses. A full message with a small fixed-length body, and a small
 * chunk with its size line and CRLF, go out as one buffer. Subclasses (in this package) write the initial
 * line and may override the framing hooks as they would Netty's.
 */
public abstract class Http1MessageEncoder<H extends HttpMessage> extends ChannelOutboundHandlerAdapter {
    // A full message's body (or a chunk) up to this size is copied behind its head (size line) instead of
    // being written as a buffer of its own.
    static final int COPY_BODY_LIMIT = 2048;
    // The states and their numbers are Netty's: they appear in the message of an unexpected-message error.
    private static final int ST_INIT = 0;
    private static final int ST_CONTENT_NON_CHUNK = 1;
    private static final int ST_CONTENT_CHUNK = 2;
    private static final int ST_CONTENT_ALWAYS_EMPTY = 3;

    private int state = ST_INIT;
    private final List<Object> out = new ArrayList<>();
    // A head written with the void promise waits here, in a buffer with room for a small body, for the next
    // write: when that is its first body part and fits, both go out as one buffer (one send instead of a
    // writev of two, one outbound entry instead of two). Any other write, a flush, a close or the handler's
    // removal sends it first, so the bytes and their order are the same.
    private ByteBuf heldHead;
    private boolean holdHead;

    // Package-private: the initial line is written into a HeadBytes, which only this package sees.
    Http1MessageEncoder() {
    }

    /** Writes the initial line of {@code message}, its CRLF included. */
    protected abstract void writeInitialLine(HeadBytes head, H message);

    /** Whether {@code message} never has a body whatever its headers say (Netty's hook of the same name). */
    protected boolean isContentAlwaysEmpty(H message) {
        return false;
    }

    /** Adjusts the headers of {@code message} just before they are written (Netty's hook of the same name). */
    protected void sanitizeHeadersBeforeEncode(H message, boolean isAlwaysEmpty) {
    }

    /** Whether this encoder handles {@code msg}; anything else passes through untouched. */
    public boolean acceptOutboundMessage(Object msg) throws Exception {
        return msg == Unpooled.EMPTY_BUFFER || msg == LastHttpContent.EMPTY_LAST_CONTENT
                || msg instanceof FullHttpMessage || msg instanceof HttpMessage || msg instanceof LastHttpContent
                || msg instanceof HttpContent || msg instanceof ByteBuf || msg instanceof FileRegion;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (heldHead != null) {
            if (appendToHeldHead(ctx, msg, promise)) {
                return;
            }
            sendHeldHead(ctx);
        }
        try {
            if (acceptOutboundMessage(msg)) {
                holdHead = promise.isVoid();
                encode(ctx, msg, out);
                if (out.isEmpty() && heldHead == null) {
                    throw new EncoderException(StringUtil.simpleClassName(this) + " must produce at least one message.");
                }
            } else {
                ctx.write(msg, promise);
            }
        } catch (EncoderException e) {
            throw e;
        } catch (Throwable t) {
            throw new EncoderException(t);
        } finally {
            holdHead = false;
            writeOut(ctx, promise);
        }
    }

    // The first body part after a held head, copied behind it when it fits; the buffer then goes out with
    // the part's promise (the head's was void). False when msg is anything else.
    private boolean appendToHeldHead(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof HttpContent c) || msg instanceof HttpMessage || !acceptsQuietly(msg)) {
            return false;
        }
        ByteBuf buf = heldHead;
        int n;
        try {
            n = RefilledLastContent.readableBytes(c);
            if (n > buf.writableBytes()) {
                return false;
            }
            // Into the buffer, so that two direct buffers copy by address (the other way allocates NIO views).
            RefilledLastContent.copy(c, buf, buf.writerIndex());
        } catch (RuntimeException e) {
            return false; // e.g. a released part: the head goes alone, then the part fails as it would unheld
        }
        heldHead = null;
        buf.writerIndex(buf.writerIndex() + n);
        c.release();
        if (c instanceof LastHttpContent) {
            state = ST_INIT;
        }
        ctx.write(buf, promise);
        return true;
    }

    private boolean acceptsQuietly(Object msg) {
        try {
            return acceptOutboundMessage(msg);
        } catch (Exception e) {
            return false; // the regular path meets the same exception
        }
    }

    private void sendHeldHead(ChannelHandlerContext ctx) {
        ByteBuf buf = heldHead;
        if (buf != null) {
            heldHead = null;
            ctx.write(buf, ctx.voidPromise());
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        sendHeldHead(ctx);
        ctx.flush();
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
        sendHeldHead(ctx);
        ctx.close(promise);
    }

    @Override
    public void disconnect(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
        sendHeldHead(ctx);
        ctx.disconnect(promise);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        // Still linked to the handlers before it: the head reaches the socket with the next flush.
        sendHeldHead(ctx);
    }

    private void writeOut(ChannelHandlerContext ctx, ChannelPromise promise) {
        int size = out.size();
        try {
            if (size == 1) {
                ctx.write(out.get(0), promise);
            } else if (size > 1) {
                if (promise == ctx.voidPromise()) {
                    ChannelPromise v = ctx.voidPromise();
                    for (int i = 0; i < size; i++) {
                        ctx.write(out.get(i), v);
                    }
                } else {
                    PromiseCombiner combiner = new PromiseCombiner(ctx.executor());
                    for (int i = 0; i < size; i++) {
                        combiner.add(ctx.write(out.get(i)));
                    }
                    combiner.finish(promise);
                }
            }
        } finally {
            out.clear();
        }
    }

    /** Turns {@code msg} into buffers (and file regions) in {@code out}, consuming {@code msg}. */
    @SuppressWarnings("unchecked")
    protected void encode(ChannelHandlerContext ctx, Object msg, List<Object> out) throws Exception {
        if (msg == Unpooled.EMPTY_BUFFER) {
            out.add(Unpooled.EMPTY_BUFFER);
            return;
        }
        if (msg instanceof FullHttpMessage full) {
            encodeFull(ctx, full, out);
            return;
        }
        if (msg instanceof HttpMessage) {
            H m = (H) msg;
            try {
                if (state != ST_INIT) {
                    throw unexpected(m, state);
                }
                if (m instanceof HttpContent c) {
                    encodeHeadWithContent(ctx, m, c, out);
                } else {
                    ByteBuf head = encodeHead(ctx, m, holdHead);
                    if (holdHead && state == ST_CONTENT_NON_CHUNK) {
                        heldHead = head;
                    } else {
                        out.add(head);
                    }
                }
            } finally {
                ReferenceCountUtil.release(m);
            }
            return;
        }
        encodeNotHead(ctx, msg, out);
    }

    // A message that is both a head and (part of) a body, but not a FullHttpMessage.
    private void encodeHeadWithContent(ChannelHandlerContext ctx, H m, HttpContent c, List<Object> out) {
        ByteBuf buf = encodeHead(ctx, m);
        HttpHeaders trailers = c instanceof LastHttpContent last ? last.trailingHeaders() : null;
        encodeBodyAfterHead(ctx, state, buf, c.content(), trailers, out);
        if (c instanceof LastHttpContent) {
            state = ST_INIT;
        }
    }

    private void encodeFull(ChannelHandlerContext ctx, FullHttpMessage msg, List<Object> out) {
        try {
            if (state != ST_INIT) {
                throw unexpected(msg, state);
            }
            @SuppressWarnings("unchecked")
            H m = (H) msg;
            int fullState = framing(m);
            ByteBuf content = msg.content();
            int copied = fullState == ST_CONTENT_NON_CHUNK && content.readableBytes() <= COPY_BODY_LIMIT
                    ? content.readableBytes() : 0;
            // As in Netty, a full message leaves the state as it is (ST_INIT).
            ByteBuf buf = writeHead(ctx, m, fullState, content, copied);
            if (copied > 0) {
                out.add(buf);
            } else {
                encodeBodyAfterHead(ctx, fullState, buf, content, msg.trailingHeaders(), out);
            }
        } finally {
            msg.release();
        }
    }

    // Netty's encodeByteBufHttpContent: what follows a head written into buf.
    private void encodeBodyAfterHead(ChannelHandlerContext ctx, int framing, ByteBuf buf, ByteBuf content,
            HttpHeaders trailers, List<Object> out) {
        switch (framing) {
            case ST_CONTENT_NON_CHUNK -> {
                out.add(buf);
                if (content.isReadable()) {
                    out.add(content.retain());
                }
            }
            case ST_CONTENT_ALWAYS_EMPTY -> out.add(buf);
            case ST_CONTENT_CHUNK -> {
                out.add(buf);
                ChunkFraming.encodeChunk(ctx, content, trailers, out);
            }
            default -> throw new Error("Unexpected http object encoder state: " + framing);
        }
    }

    // How the body after m's head is framed (Netty's state after a head).
    private int framing(H m) {
        return isContentAlwaysEmpty(m) ? ST_CONTENT_ALWAYS_EMPTY
                : HttpUtil.isTransferEncodingChunked(m) ? ST_CONTENT_CHUNK : ST_CONTENT_NON_CHUNK;
    }

    private ByteBuf encodeHead(ChannelHandlerContext ctx, H m) {
        return encodeHead(ctx, m, false);
    }

    // With bodyRoom, a head that a fixed-length body follows gets room behind it for a small body part.
    private ByteBuf encodeHead(ChannelHandlerContext ctx, H m, boolean bodyRoom) {
        // Netty's order: initial line, framing decision, sanitizing, fields.
        HeadBytes head = HeadBytes.acquire();
        try {
            writeInitialLine(head, m);
            int next = framing(m);
            writeFields(head, m, next);
            int room = bodyRoom && next == ST_CONTENT_NON_CHUNK ? COPY_BODY_LIMIT : 0;
            ByteBuf buf = head.copyTo(ctx.alloc().buffer(head.size() + room));
            state = next;
            return buf;
        } finally {
            head.release();
        }
    }

    // The head of a full message, followed by the first `copied` bytes of its content.
    private ByteBuf writeHead(ChannelHandlerContext ctx, H m, int framing, ByteBuf content, int copied) {
        HeadBytes head = HeadBytes.acquire();
        try {
            writeInitialLine(head, m);
            writeFields(head, m, framing);
            if (copied > 0) {
                // Through the byte array: a buffer-to-buffer copy between direct buffers allocates NIO views.
                head.writeBytes(content, content.readerIndex(), copied);
            }
            return head.copyTo(ctx.alloc().buffer(head.size()));
        } finally {
            head.release();
        }
    }

    // The fields after the initial line, sanitized for the framing, and the empty line ending the head.
    private void writeFields(HeadBytes head, H m, int framing) {
        sanitizeHeadersBeforeEncode(m, framing == ST_CONTENT_ALWAYS_EMPTY);
        head.writeFields(m.headers());
        head.writeCrlf();
    }

    private void encodeNotHead(ChannelHandlerContext ctx, Object msg, List<Object> out) {
        if (state == ST_INIT) {
            try {
                if (msg instanceof ByteBuf b && !b.isReadable()) {
                    out.add(b.retain());
                    return;
                }
                throw unexpected(msg, ST_INIT);
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }
        if (msg == LastHttpContent.EMPTY_LAST_CONTENT) {
            out.add(state == ST_CONTENT_CHUNK ? ChunkFraming.lastChunk() : Unpooled.EMPTY_BUFFER);
            state = ST_INIT;
            return;
        }
        if (msg instanceof HttpContent c) {
            try {
                HttpHeaders trailers = c instanceof LastHttpContent last ? last.trailingHeaders() : null;
                encodeBody(ctx, c.content(), trailers, out);
                if (c instanceof LastHttpContent) {
                    state = ST_INIT;
                }
            } finally {
                c.release();
            }
            return;
        }
        if (msg instanceof ByteBuf b) {
            try {
                if (!b.isReadable()) {
                    out.add(b.retain());
                    return;
                }
                encodeBody(ctx, b, null, out);
            } finally {
                b.release();
            }
            return;
        }
        if (msg instanceof FileRegion region) {
            try {
                encodeRegion(ctx, region, out);
            } finally {
                region.release();
            }
            return;
        }
        try {
            throw unexpected(msg, state);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    // Netty's encodeByteBufAndTrailers.
    private void encodeBody(ChannelHandlerContext ctx, ByteBuf content, HttpHeaders trailers, List<Object> out) {
        switch (state) {
            case ST_CONTENT_NON_CHUNK -> out.add(content.isReadable() ? content.retain() : Unpooled.EMPTY_BUFFER);
            case ST_CONTENT_ALWAYS_EMPTY -> out.add(Unpooled.EMPTY_BUFFER);
            case ST_CONTENT_CHUNK -> ChunkFraming.encodeChunk(ctx, content, trailers, out);
            default -> throw new Error("Unexpected http object encoder state: " + state);
        }
    }

    private void encodeRegion(ChannelHandlerContext ctx, FileRegion region, List<Object> out) {
        switch (state) {
            case ST_CONTENT_NON_CHUNK -> out.add(region.count() > 0 ? region.retain() : Unpooled.EMPTY_BUFFER);
            case ST_CONTENT_ALWAYS_EMPTY -> out.add(Unpooled.EMPTY_BUFFER);
            case ST_CONTENT_CHUNK -> ChunkFraming.encodeRegion(ctx, region, out);
            default -> throw new Error("Unexpected http object encoder state: " + state);
        }
    }

    private static IllegalStateException unexpected(Object msg, int state) {
        return new IllegalStateException("unexpected message type: " + StringUtil.simpleClassName(msg)
                + ", state: " + state);
    }
}
