package io.mlbj.core.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpStatusClass;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The client-side HTTP/1.1 codec: {@code HttpServerCodec}'s behaviour (responses to HEAD and CONNECT
 * framed by the request's method) plus two things it lacks: it remembers which requests carried both
 * {@code Transfer-Encoding} and {@code Content-Length} (RFC 9112 §6.1: the connection must close after
 * them; Netty only drops the Content-Length), and an interim 1xx response does not consume the
 * method of the request it belongs to.
 */
final class ClientHttpCodec extends CombinedChannelDuplexHandler<HttpRequestDecoder, HttpResponseEncoder> {
    // Both queues are in decode order; the handler consumes one entry per request, in the same order.
    private final ArrayDeque<HttpMethod> methods = new ArrayDeque<>();
    private final ArrayDeque<Boolean> ambiguous = new ArrayDeque<>();
    private boolean sawChunkedWithLength;

    ClientHttpCodec(HttpDecoderConfig config) {
        init(new Decoder(config), new Encoder());
    }

    /** Whether the next request (in arrival order) had both Transfer-Encoding and Content-Length. */
    boolean pollAmbiguousFraming() {
        Boolean b = ambiguous.poll();
        return b != null && b;
    }

    /** Removes this codec after a protocol switch; bytes it buffered go on to the next handler. */
    void upgradeFrom(ChannelHandlerContext ctx) {
        ctx.pipeline().remove(this);
    }

    private final class Decoder extends HttpRequestDecoder {
        Decoder(HttpDecoderConfig config) {
            super(config);
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
            int before = out.size();
            super.decode(ctx, buffer, out);
            for (int i = before; i < out.size(); i++) {
                if (out.get(i) instanceof HttpRequest r) {
                    methods.add(r.method());
                    ambiguous.add(sawChunkedWithLength);
                    sawChunkedWithLength = false;
                }
            }
        }

        @Override
        protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
            super.handleTransferEncodingChunkedWithContentLength(message);
            sawChunkedWithLength = true;
        }
    }

    private final class Encoder extends HttpResponseEncoder {
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
