package io.mlbj.core.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * The message a {@link ScannedMessageDecoder} may decode a head into instead of new objects: an earlier
 * message of the same connection that nobody reads any more, with its {@link ScannedHeaders} and their arrays,
 * kept as its {@link ScannedMessageDecoder.MessageReuse} says. A decode that does not end in a message
 * leaves the kept one kept (its contents are nobody's). Under {@code BY_NEXT_HEAD} the last body part of each
 * message is one object refilled too. One per decoder, used on its connection's loop.
 */
final class HeadReuse {
    // The largest head, and the most fields, a kept message may hold arrays for: the common head is a few
    // hundred bytes, and an idle connection should not hold on to a rare large one.
    private static final int MAX_KEPT_HEAD_BYTES = 4096;
    private static final int MAX_KEPT_FIELDS = 64;

    private final ScannedMessageDecoder.MessageReuse policy;
    // A message whose headers are ScannedHeaders, free to be decoded into; null when there is none.
    private HttpMessage kept;
    // Under BY_NEXT_HEAD, the last body part handed on last; null until a body ends.
    private RefilledLastContent lastContent;

    HeadReuse(ScannedMessageDecoder.MessageReuse policy) {
        this.policy = policy;
    }

    /** An array for a head of {@code length} bytes: the kept message's when it fits. */
    byte[] headArray(int length) {
        byte[] head = kept == null ? null : keptHeaders().headArray();
        return head != null && head.length >= length ? head : new byte[length];
    }

    /** Headers over the head: the kept message's, started over, or new ones. */
    ScannedHeaders headers(byte[] head, int headLength, int fields) {
        int spansLength = ScannedHeaders.spansLength(fields);
        if (kept == null) {
            return new ScannedHeaders(head, headLength, new char[spansLength], fields);
        }
        ScannedHeaders h = keptHeaders();
        char[] spans = h.spansArray();
        h.reset(head, headLength, spans.length >= spansLength ? spans : new char[spansLength], fields);
        return h;
    }

    /**
     * A request with these parts, its target the {@code targetLength} bytes of {@code head} from
     * {@code targetStart}: the kept one when {@code headers} are its own.
     */
    HttpRequest request(HttpVersion version, HttpMethod method, byte[] head, int targetStart, int targetLength,
            ScannedHeaders headers) {
        if (kept instanceof ScannedRequest r && r.headers() == headers) {
            r.setProtocolVersion(version).setMethod(method).setDecoderResult(DecoderResult.SUCCESS);
            r.retarget(head, targetStart, targetLength);
            return r;
        }
        return new ScannedRequest(version, method, head, targetStart, targetLength, headers);
    }

    /** A response with these parts: the kept one when {@code headers} are its own. */
    HttpResponse response(HttpVersion version, HttpResponseStatus status, ScannedHeaders headers) {
        if (kept instanceof DefaultHttpResponse r && r.headers() == headers) {
            r.setProtocolVersion(version).setStatus(status).setDecoderResult(DecoderResult.SUCCESS);
            return r;
        }
        return new DefaultHttpResponse(version, status, headers);
    }

    /**
     * The last part of a body, the next {@code length} bytes read from {@code in}: refilled under
     * {@code BY_NEXT_HEAD} over a range of {@code in} (a reference of it the part's), else new over a retained
     * slice. Either way {@code in}'s bytes are shared as with Netty's {@code readRetainedSlice}.
     */
    LastHttpContent readLastContent(ByteBuf in, int length, HttpHeadersFactory trailersFactory) {
        if (policy != ScannedMessageDecoder.MessageReuse.BY_NEXT_HEAD) {
            return new DefaultLastHttpContent(in.readRetainedSlice(length), trailersFactory);
        }
        if (lastContent == null) {
            lastContent = new RefilledLastContent();
        }
        int from = in.readerIndex();
        in.retain().skipBytes(length);
        return lastContent.refill(in, from, length, trailersFactory.newHeaders());
    }

    /** {@code message} was decoded and goes to the caller. */
    void decoded(HttpMessage message) {
        switch (policy) {
            case NONE -> { }
            case BY_NEXT_HEAD -> keep(message);
            case WHEN_GIVEN_BACK -> kept = null; // the caller's until it gives it back
        }
    }

    /** The caller is done with {@code message}, a message {@link #decoded} under {@code WHEN_GIVEN_BACK}. */
    void givenBack(HttpMessage message) {
        if (policy == ScannedMessageDecoder.MessageReuse.WHEN_GIVEN_BACK) {
            keep(message);
        }
    }

    private void keep(HttpMessage message) {
        kept = message.headers() instanceof ScannedHeaders h && h.headArray().length <= MAX_KEPT_HEAD_BYTES
                && h.spansArray().length <= ScannedHeaders.spansLength(MAX_KEPT_FIELDS) ? message : null;
    }

    private ScannedHeaders keptHeaders() {
        return (ScannedHeaders) kept.headers();
    }
}
