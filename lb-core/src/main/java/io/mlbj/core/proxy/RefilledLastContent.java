package io.mlbj.core.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * The last body part of a message, as Netty's {@code DefaultLastHttpContent}, but one object a decoder
 * {@linkplain #refill refills} for each message it ends instead of a new one: for a decoder whose caller is
 * done with each message before the next is decoded ({@link ScannedMessageDecoder.MessageReuse#BY_NEXT_HEAD}).
 * Reference counting is the content's, as in Netty; copies and replacements are Netty's own class, so nothing
 * outlives a refill by holding this.
 */
final class RefilledLastContent implements LastHttpContent {
    private ByteBuf content;
    private HttpHeaders trailers;
    private DecoderResult result = DecoderResult.SUCCESS;

    /** This part, now over {@code content} with {@code trailers}, decoded successfully. */
    RefilledLastContent refill(ByteBuf content, HttpHeaders trailers) {
        this.content = content;
        this.trailers = trailers;
        this.result = DecoderResult.SUCCESS;
        return this;
    }

    @Override
    public ByteBuf content() {
        return content;
    }

    @Override
    public HttpHeaders trailingHeaders() {
        return trailers;
    }

    @Override
    public LastHttpContent copy() {
        return replace(content.copy());
    }

    @Override
    public LastHttpContent duplicate() {
        return replace(content.duplicate());
    }

    @Override
    public LastHttpContent retainedDuplicate() {
        return replace(content.retainedDuplicate());
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
        return content.refCnt();
    }

    @Override
    public LastHttpContent retain() {
        content.retain();
        return this;
    }

    @Override
    public LastHttpContent retain(int increment) {
        content.retain(increment);
        return this;
    }

    @Override
    public LastHttpContent touch() {
        content.touch();
        return this;
    }

    @Override
    public LastHttpContent touch(Object hint) {
        content.touch(hint);
        return this;
    }

    @Override
    public boolean release() {
        return content.release();
    }

    @Override
    public boolean release(int decrement) {
        return content.release(decrement);
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
        return "RefilledLastContent(data: " + content + ", decoderResult: " + result + ")";
    }
}
