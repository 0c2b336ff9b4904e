package io.mlbj.core.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * The last body part of a message, as Netty's {@code DefaultLastHttpContent}, but one object a decoder
 * {@linkplain #refill refills} for each message it ends instead of a new one: for a decoder whose caller is
 * done with each message before the next is decoded ({@link ScannedMessageDecoder.MessageReuse#BY_NEXT_HEAD}).
 * Reference counting is the content's, as in Netty; copies and replacements are Netty's own class, so nothing
 * outlives a refill by holding this.
 *
 * <p>The part may hold a range of a buffer it holds a reference of (the decoder's read buffer) instead of a
 * slice of it: the slice, Netty's {@code readRetainedSlice} with the same reference count, is made when
 * {@link #content()} is first called. This package's encoder copies a small last part behind its head with
 * {@link #copy}, so the common response's body reaches the client without a slice object per response.
 */
final class RefilledLastContent implements LastHttpContent {
    // The part's bytes are buffer's [from, from + length); content is their slice once someone asked for it.
    private ByteBuf buffer;
    private int from;
    private int length;
    private ByteBuf content;
    private HttpHeaders trailers;
    private DecoderResult result = DecoderResult.SUCCESS;

    /**
     * This part, now the {@code length} bytes of {@code buffer} at {@code from}, one reference of
     * {@code buffer} being this part's, with {@code trailers}, decoded successfully.
     */
    RefilledLastContent refill(ByteBuf buffer, int from, int length, HttpHeaders trailers) {
        this.buffer = buffer;
        this.from = from;
        this.length = length;
        this.content = null;
        this.trailers = trailers;
        this.result = DecoderResult.SUCCESS;
        return this;
    }

    @Override
    public ByteBuf content() {
        if (content == null) {
            // Unretained: the reference this part holds of the buffer is the slice's, as with a retained slice.
            content = buffer.slice(from, length);
        }
        return content;
    }

    /** The readable bytes of {@code part}'s content, without making a slice for a part of this class. */
    static int readableBytes(HttpContent part) {
        return part instanceof RefilledLastContent r && r.content == null ? r.length : part.content().readableBytes();
    }

    /** Copies {@code part}'s readable bytes into {@code into} at {@code index}, leaving both indexes as they are. */
    static void copy(HttpContent part, ByteBuf into, int index) {
        if (part instanceof RefilledLastContent r && r.content == null) {
            r.buffer.getBytes(r.from, into, index, r.length);
        } else {
            ByteBuf content = part.content();
            content.getBytes(content.readerIndex(), into, index, content.readableBytes());
        }
    }

    @Override
    public HttpHeaders trailingHeaders() {
        return trailers;
    }

    @Override
    public LastHttpContent copy() {
        return replace(content().copy());
    }

    @Override
    public LastHttpContent duplicate() {
        return replace(content().duplicate());
    }

    @Override
    public LastHttpContent retainedDuplicate() {
        return replace(content().retainedDuplicate());
    }

    @Override
    public LastHttpContent replace(ByteBuf replacement) {
        DefaultLastHttpContent dup = new DefaultLastHttpContent(replacement);
        dup.trailingHeaders().setAll(trailers);
        dup.setDecoderResult(result);
        return dup;
    }

    @Override
    public int refCnt() {
        return buffer.refCnt();
    }

    @Override
    public LastHttpContent retain() {
        buffer.retain();
        return this;
    }

    @Override
    public LastHttpContent retain(int increment) {
        buffer.retain(increment);
        return this;
    }

    @Override
    public LastHttpContent touch() {
        buffer.touch();
        return this;
    }

    @Override
    public LastHttpContent touch(Object hint) {
        buffer.touch(hint);
        return this;
    }

    @Override
    public boolean release() {
        return buffer.release();
    }

    @Override
    public boolean release(int decrement) {
        return buffer.release(decrement);
    }

    @Override
    public DecoderResult decoderResult() {
        return result;
    }

    @Override
    @Deprecated
    public DecoderResult getDecoderResult() {
        return result;
    }

    @Override
    public void setDecoderResult(DecoderResult result) {
        if (result == null) {
            throw new NullPointerException("result");
        }
        this.result = result;
    }

    @Override
    public String toString() {
        // Printing makes no slice, so it works on a released part too.
        Object data = content != null ? content : buffer + "[" + from + ", +" + length + "]";
        return "RefilledLastContent(data: " + data + ", decoderResult: " + result + ")";
    }
}
