package io.mlbj.core.pool;

import io.mlbj.core.proxy.DecodedHeaders;
import io.mlbj.core.proxy.EventClock;
import io.mlbj.core.proxy.HeadScannerFeed;
import io.mlbj.core.proxy.HttpHeadScanner;
import io.mlbj.core.proxy.HttpRequestHeadEncoder;
import io.mlbj.core.proxy.MessageFraming;
import io.mlbj.core.proxy.ScannedMessageDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The HTTP/1.1 codec of a backend connection: {@code HttpClientCodec}'s behaviour (responses to HEAD
 * framed by the request's method, 1xx interim answers, a pass-through after a protocol switch) with the
 * same strictness as the client side. Every response head is checked byte by byte by an
 * {@link HttpHeadScanner} and its framing by {@link MessageFraming}; a refused head becomes a response
 * whose decoder result failed (the exchange answers 502 and closes the connection). A connection that
 * sends bytes nobody asked for (while idle, or after the end of a response) is closed, so a misbehaving
 * server can never leave a half-read message in a pooled connection.
 */
public final class ServerHttpCodec extends CombinedChannelDuplexHandler<HttpResponseDecoder, HttpRequestHeadEncoder> {
    /** Response head limit: as for requests, HAProxy's {@code tune.bufsize - tune.maxrewrite}. */
    public static final int MAX_HEAD_BYTES = 16_384 - 1_024;
    /** Response header fields: more than {@code tune.http.maxhdr} gives 502 in HAProxy. */
    public static final int MAX_HEADER_FIELDS = 100;
    /**
     * The largest body part handed on as one content: a whole read (Netty's receive buffers grow to 64 KiB), not
     * Netty's default 8 KiB, so a 100 KiB body is a few slices of the read buffers rather than thirteen objects
     * and thirteen writes. The parts are slices, never copies, so the size costs no memory.
     */
    public static final int MAX_BODY_SLICE = 64 * 1024;

    // Methods of requests written and not yet answered, in order; touched on the channel's loop only.
    private final ArrayDeque<HttpMethod> methods = new ArrayDeque<>();
    private final HttpHeadScanner scanner = new HttpHeadScanner(HttpHeadScanner.Kind.RESPONSE, MAX_HEAD_BYTES,
            MAX_HEADER_FIELDS);
    private final DecodedHeaders decodedHeaders = new DecodedHeaders();
    private boolean upgraded;

    /** A codec whose parser runs with {@code config} (Netty's own limits sit above the scanner's). */
    public ServerHttpCodec(HttpDecoderConfig config) {
        this(config, ScannedMessageDecoder.ENABLED);
    }

    /** With {@code scannedDecoding} false every response goes through Netty's parser (to compare the two). */
    public ServerHttpCodec(HttpDecoderConfig config, boolean scannedDecoding) {
        init(new Decoder(config, scannedDecoding), new Encoder());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        // The first handler after the socket and TLS: what a response sets off is timed as of its arrival.
        EventClock clock = EventClock.current();
        clock.enter();
        try {
            super.channelRead(ctx, msg);
        } finally {
            clock.exit();
        }
    }

    /** Prepares a protocol switch: the encoder then passes bytes through (as {@code HttpClientCodec} does). */
    public void prepareUpgradeFrom(ChannelHandlerContext ctx) {
        upgraded = true;
    }

    private final class Encoder extends HttpRequestHeadEncoder {
        @Override
        protected void encode(ChannelHandlerContext ctx, Object msg, List<Object> out) throws Exception {
            if (upgraded) {
                // The encoder's write does not release msg: hand it on as it is.
                out.add(msg);
                return;
            }
            if (msg instanceof HttpRequest r) {
                methods.add(r.method());
            }
            super.encode(ctx, msg, out);
        }
    }

    private final class Decoder extends HttpResponseDecoder {
        private boolean headChecked;
        private boolean rejected;
        private boolean passThrough;
        private final ScannedMessageDecoder scanned;
        // Whether Netty's parser is decoding the current message (then it decodes it to its end).
        private boolean nettyOwnsMessage;

        Decoder(HttpDecoderConfig config, boolean scannedDecoding) {
            super(decodedHeaders.configure(config));
            // A response is relayed and encoded toward the client as it arrives, before the next one is read
            // (there is one request at a time on a server connection): the next head may be decoded into it.
            scanned = scannedDecoding ? new ScannedMessageDecoder(HttpHeadScanner.Kind.RESPONSE, config.getMaxChunkSize(),
                    decodedHeaders.trailersFactory(), ScannedMessageDecoder.MessageReuse.BY_NEXT_HEAD) : null;
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
            if (rejected) {
                buffer.skipBytes(buffer.readableBytes());
                return;
            }
            if (passThrough) {
                out.add(buffer.readRetainedSlice(buffer.readableBytes()));
                return;
            }
            if (!headChecked) {
                if (methods.isEmpty() && buffer.isReadable()) {
                    // A server talking with no request outstanding: the connection cannot be trusted.
                    buffer.skipBytes(buffer.readableBytes());
                    rejected = true;
                    ctx.close();
                    return;
                }
                int from = buffer.readerIndex() + scanner.bytesScanned();
                if (from < buffer.writerIndex()) {
                    HeadScannerFeed.feed(scanner, buffer, from, buffer.writerIndex());
                }
                switch (scanner.verdict()) {
                    case NEED_MORE -> {
                        return;
                    }
                    case COMPLETE -> headChecked = true;
                    default -> {
                        reject(buffer, out, scanner.error());
                        return;
                    }
                }
            }
            int before = out.size();
            boolean framedByScanner = false;
            if (scanned != null && scanned.inBody()) {
                scanned.decodeBody(buffer, out);
            } else if (nettyOwnsMessage || scanned == null || !scanned.decodeHead(buffer, scanner, bodyAllowed(methods.peek()), out)) {
                nettyOwnsMessage = true;
                super.decode(ctx, buffer, out);
            } else {
                methods.poll(); // what isContentAlwaysEmpty does for a response Netty decodes
                framedByScanner = true;
            }
            for (int i = before; i < out.size(); i++) {
                Object o = out.get(i);
                if (o instanceof HttpResponse r && r.decoderResult().isSuccess()) {
                    int lengths = scanner.contentLengthFields();
                    int encodings = scanner.transferEncodingFields();
                    decodedHeaders.messageDecoded(r, encodings);
                    // The scanned decoder takes only a head with no Transfer-Encoding and at most one
                    // Content-Length of plain digits, which these rules accept: not looked up again.
                    String why = framedByScanner ? null : MessageFraming.responseViolation(lengths, encodings,
                            MessageFraming.countedText(r.headers(), HttpHeaderNames.CONTENT_LENGTH, lengths),
                            MessageFraming.countedText(r.headers(), HttpHeaderNames.TRANSFER_ENCODING, encodings));
                    if (why != null) {
                        r.setDecoderResult(DecoderResult.failure(new IllegalStateException(why)));
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
            } else if (!passThrough && !headChecked && methods.isEmpty() && buffer.isReadable()) {
                // More bytes right after the last answer: a second response nobody asked for.
                buffer.skipBytes(buffer.readableBytes());
                rejected = true;
                ctx.close();
            }
        }

        @Override
        protected boolean isContentAlwaysEmpty(HttpMessage msg) {
            HttpResponse r = (HttpResponse) msg;
            int code = r.status().code();
            if (code >= 100 && code < 200 && code != 101) {
                // An interim answer: its request still waits for the final one.
                return super.isContentAlwaysEmpty(msg);
            }
            HttpMethod method = methods.poll();
            if (code == 101) {
                // Switching protocols: what follows belongs to the new protocol.
                passThrough = true;
                return true;
            }
            if (HttpMethod.HEAD.equals(method)) {
                return true;
            }
            if (HttpMethod.CONNECT.equals(method) && r.status().codeClass() == io.netty.handler.codec.http.HttpStatusClass.SUCCESS) {
                // A tunnel: what follows is not HTTP.
                passThrough = true;
                return true;
            }
            return super.isContentAlwaysEmpty(msg);
        }

        // A response to HEAD has no body, one to CONNECT may start a tunnel: both are Netty's to frame.
        private static boolean bodyAllowed(HttpMethod method) {
            return method != null && !HttpMethod.HEAD.equals(method) && !HttpMethod.CONNECT.equals(method);
        }

        private void reject(ByteBuf buffer, List<Object> out, String why) {
            rejected = true;
            buffer.skipBytes(buffer.readableBytes());
            methods.poll();
            HttpResponse failed = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_GATEWAY,
                    Unpooled.EMPTY_BUFFER);
            failed.setDecoderResult(DecoderResult.failure(new IllegalStateException(why)));
            out.add(failed);
        }
    }
}
