package io.mlbj.core.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The client-side HTTP/1.1 codec: {@code HttpServerCodec}'s behaviour (responses to HEAD and CONNECT
 * framed by the request's method) plus two things it lacks: it remembers which requests carried both
 * {@code Transfer-Encoding} and {@code Content-Length} (RFC 9112 §6.1: the connection must close after
 * them; Netty only drops the Content-Length; a second line now, as such requests are refused), and an interim 1xx response does not consume the
 * method of the request it belongs to. Every request head is first checked byte by byte by an
 * {@link HttpHeadScanner} and its framing by {@link MessageFraming}; a refused head becomes a request
 * whose decoder result is a {@link RejectedHead} failure, and every later byte of the connection is dropped.
 */
final class ClientHttpCodec extends CombinedChannelDuplexHandler<HttpRequestDecoder, HttpResponseHeadEncoder> {
    // Both queues are in decode order; the handler consumes one entry per request, in the same order.
    private final ArrayDeque<HttpMethod> methods = new ArrayDeque<>();
    private final ArrayDeque<Boolean> ambiguous = new ArrayDeque<>();
    private boolean sawChunkedWithLength;
    private final HttpHeadScanner scanner;
    private final DecodedHeaders decodedHeaders = new DecodedHeaders();
    // Whether the scanner accepted the head being parsed; false while waiting for a head.
    private boolean headChecked;
    // After a refused message every further byte is dropped: the connection closes after the answer.
    private boolean rejected;

    ClientHttpCodec(HttpDecoderConfig config, int maxHeadBytes, int maxFields) {
        this(config, maxHeadBytes, maxFields, ScannedMessageDecoder.ENABLED);
    }

    /** With {@code scannedDecoding} false every request goes through Netty's parser (to compare the two). */
    ClientHttpCodec(HttpDecoderConfig config, int maxHeadBytes, int maxFields, boolean scannedDecoding) {
        scanner = new HttpHeadScanner(HttpHeadScanner.Kind.REQUEST, maxHeadBytes, maxFields);
        init(new Decoder(config, scannedDecoding), new Encoder());
    }

    /** Whether the next request (in arrival order) had both Transfer-Encoding and Content-Length. */
    boolean pollAmbiguousFraming() {
        Boolean b = ambiguous.poll();
        return b != null && b;
    }

    /**
     * The request is done with, once: nothing reads it or a view of its fields any more, so a later request
     * may be decoded into it (a request is kept until its exchange ends, and the next may have arrived
     * before that, so none is decoded into before).
     */
    void requestDone(HttpRequest request) {
        Decoder d = (Decoder) inboundHandler();
        if (d.scanned != null) {
            d.scanned.giveBack(request);
        }
    }

    /** Removes this codec after a protocol switch; bytes it buffered go on to the next handler. */
    void upgradeFrom(ChannelHandlerContext ctx) {
        ctx.pipeline().remove(this);
    }

    private final class Decoder extends HttpRequestDecoder {
        private final ScannedMessageDecoder scanned;
        // Whether Netty's parser is decoding the current message (then it decodes it to its end).
        private boolean nettyOwnsMessage;

        Decoder(HttpDecoderConfig config, boolean scannedDecoding) {
            super(decodedHeaders.configure(config));
            scanned = scannedDecoding ? new ScannedMessageDecoder(HttpHeadScanner.Kind.REQUEST, config.getMaxChunkSize(),
                    decodedHeaders.trailersFactory(), ScannedMessageDecoder.MessageReuse.WHEN_GIVEN_BACK) : null;
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
            if (rejected) {
                buffer.skipBytes(buffer.readableBytes());
                return;
            }
            if (!headChecked) {
                // The parser sees a head only once the scanner has accepted all of it.
                int from = buffer.readerIndex() + scanner.bytesScanned();
                if (from < buffer.writerIndex()) {
                    HeadScannerFeed.feed(scanner, buffer, from, buffer.writerIndex());
                }
                switch (scanner.verdict()) {
                    case NEED_MORE -> {
                        return;
                    }
                    case INVALID -> {
                        reject(buffer, out, new RejectedHead(HttpResponseStatus.BAD_REQUEST, scanner.error()));
                        return;
                    }
                    case UNSUPPORTED_VERSION -> {
                        reject(buffer, out, new RejectedHead(HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED, scanner.error()));
                        return;
                    }
                    case COMPLETE -> headChecked = true;
                }
            }
            int before = out.size();
            if (scanned != null && scanned.inBody()) {
                scanned.decodeBody(buffer, out);
            } else if (nettyOwnsMessage || scanned == null || !scanned.decodeHead(buffer, scanner, true, out)) {
                nettyOwnsMessage = true;
                super.decode(ctx, buffer, out);
            }
            for (int i = before; i < out.size(); i++) {
                Object o = out.get(i);
                if (o instanceof HttpRequest r) {
                    decodedHeaders.messageDecoded(r, scanner.transferEncodingFields());
                    methods.add(r.method());
                    ambiguous.add(sawChunkedWithLength);
                    sawChunkedWithLength = false;
                    if (r.decoderResult().isSuccess()) {
                        String why = framingViolation(r);
                        if (why != null) {
                            r.setDecoderResult(DecoderResult.failure(new RejectedHead(HttpResponseStatus.BAD_REQUEST, why)));
                        }
                    }
                    if (r.decoderResult().isFailure()) {
                        rejected = true;
                    }
                }
                if (o instanceof HttpObject m && m.decoderResult().isFailure()) {
                    rejected = true;
                } else if (o instanceof LastHttpContent) {
                    headChecked = false;
                    nettyOwnsMessage = false;
                    scanner.reset();
                    decodedHeaders.bodyEnded();
                }
            }
            if (rejected) {
                buffer.skipBytes(buffer.readableBytes());
            }
        }

        private String framingViolation(HttpRequest r) {
            var h = r.headers();
            // A target still as received is not made a String to see that it starts with '/'.
            String target = r instanceof ScannedRequest s && s.targetAsReceived() ? null : r.uri();
            return MessageFraming.requestViolation(r.method().name(), target, r.protocolVersion().equals(HttpVersion.HTTP_1_0),
                    scanner.contentLengthFields(), scanner.transferEncodingFields(), scanner.hostFields(),
                    MessageFraming.countedText(h, HttpHeaderNames.CONTENT_LENGTH, scanner.contentLengthFields()),
                    MessageFraming.countedText(h, HttpHeaderNames.TRANSFER_ENCODING, scanner.transferEncodingFields()),
                    // A String: routing asks for the same one (the decoded head keeps it).
                    MessageFraming.countedValue(h, HttpHeaderNames.HOST, scanner.hostFields()));
        }

        private void reject(ByteBuf buffer, List<Object> out, RejectedHead why) {
            rejected = true;
            buffer.skipBytes(buffer.readableBytes());
            HttpRequest failed = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/", Unpooled.EMPTY_BUFFER);
            failed.setDecoderResult(DecoderResult.failure(why));
            methods.add(HttpMethod.GET);
            ambiguous.add(false);
            out.add(failed);
        }

        @Override
        protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
            super.handleTransferEncodingChunkedWithContentLength(message);
            sawChunkedWithLength = true;
        }
    }

    private final class Encoder extends HttpResponseHeadEncoder {
        private HttpMethod method;

        @Override
        protected boolean isContentAlwaysEmpty(HttpResponse msg) {
            int code = msg.status().code();
            if (code >= 100 && code < 200 && code != 101) {
                // An interim answer: the request it belongs to is still waiting for its final response.
                return super.isContentAlwaysEmpty(msg);
            }
            method = methods.poll();
            return HttpMethod.HEAD.equals(method) || super.isContentAlwaysEmpty(msg);
        }

        @Override
        protected void sanitizeHeadersBeforeEncode(HttpResponse msg, boolean isAlwaysEmpty) {
            if (!isAlwaysEmpty && HttpMethod.CONNECT.equals(method)
                    && msg.status().codeClass() == HttpStatusClass.SUCCESS) {
                msg.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
                return;
            }
            super.sanitizeHeadersBeforeEncode(msg, isAlwaysEmpty);
        }
    }
}
