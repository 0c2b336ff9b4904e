package io.mlbj.core.proxy;

import io.netty.handler.codec.DefaultHeaders;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpUtil;

/**
 * How the proxy's decoders build header objects. A head reaches Netty's parser only after an
 * {@link HttpHeadScanner} accepted it, which already guarantees what Netty's header validation checks (every
 * name a token, no control byte but HTAB in a value; the parser trims the value's surrounding whitespace),
 * so the decoded heads' headers skip that second validation. Fields the proxy adds from configuration or
 * from a rewrite are checked where they are added ({@link #checkAdded}) with Netty's own validators, as
 * before. Trailers are not scanned and keep Netty's validation; a message with a fixed-length body, which
 * can have no trailers, gets a shared empty trailer object instead of a new one per message.
 */
public final class DecodedHeaders {
    private static final DefaultHttpHeadersFactory VALIDATING = DefaultHttpHeadersFactory.headersFactory();
    private static final HttpHeadersFactory SCANNED = VALIDATING.withNameValidation(false).withValueValidation(false);
    private static final DefaultHeaders.NameValidator<CharSequence> NAMES = VALIDATING.getNameValidator();
    private static final DefaultHeaders.ValueValidator<CharSequence> VALUES = VALIDATING.getValueValidator();

    private final BodyTrailers trailers = new BodyTrailers();

    /** One per decoder: its trailer factory follows the framing of the message being decoded. */
    public DecodedHeaders() {
    }

    /** A copy of {@code config} whose headers skip re-validation and whose trailers come from this object. */
    public HttpDecoderConfig configure(HttpDecoderConfig config) {
        return config.clone().setHeadersFactory(SCANNED).setTrailersFactory(trailers);
    }

    /** The factory of decoded bodies' trailers (shared empty trailers while a fixed-length body is read). */
    public HttpHeadersFactory trailersFactory() {
        return trailers;
    }

    /**
     * Call for every message head the decoder emits, with the number of {@code Transfer-Encoding} fields the
     * scanner counted in it: sets how its body's end is represented. Without such a field (the common head)
     * the message's headers are not searched.
     */
    public void messageDecoded(HttpMessage message, int transferEncodingFields) {
        trailers.fixedLength = transferEncodingFields == 0 || !HttpUtil.isTransferEncodingChunked(message);
    }

    /** Call for every end of a body the decoder emits. */
    public void bodyEnded() {
        trailers.fixedLength = false;
    }

    /** Checks a field the proxy adds to a decoded head as Netty's validating headers would (IllegalArgumentException). */
    public static void checkAdded(CharSequence name, CharSequence value) {
        NAMES.validateName(name);
        checkAddedValue(name, value);
    }

    /** {@link #checkAdded} for a name known to be a token (one of Netty's {@code HttpHeaderNames}): the value only. */
    public static void checkAddedValue(CharSequence name, CharSequence value) {
        try {
            VALUES.validate(value);
        } catch (IllegalArgumentException e) {
            // The message DefaultHeaders gives.
            throw new IllegalArgumentException("Validation failed for header '" + name + "'", e);
        }
    }

    /**
     * {@link #checkAddedValue} for a value made only by removing characters from a value of a decoded head
     * (which the scanner accepted): every character left met the rule for a later character there, so only the
     * first can have become invalid (a space or tab that followed a cut at the start). Same outcome, without
     * a call per character.
     */
    public static void checkCutValue(CharSequence name, CharSequence value) {
        int first = value.length() == 0 ? -1 : value.charAt(0);
        if (first < 0x21 || first == 0x7F) {
            checkAddedValue(name, value);
        }
    }

    private static final class BodyTrailers implements HttpHeadersFactory {
        private static final HttpHeadersFactory CHUNKED = DefaultHttpHeadersFactory.trailersFactory();
        // True between the head of a message not framed by chunks and the end of its body: its decoder then
        // builds the last content with this factory, and no trailer can follow such a body.
        private boolean fixedLength;

        @Override
        public HttpHeaders newHeaders() {
            return fixedLength ? EmptyHttpHeaders.INSTANCE : CHUNKED.newHeaders();
        }

        @Override
        public HttpHeaders newEmptyHeaders() {
            return CHUNKED.newEmptyHeaders();
        }
    }
}
