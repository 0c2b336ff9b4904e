package io.mlbj.core.proxy;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpStatusClass;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Predicate;

/**
 * The two encoders of the proxy, each twice: on Netty's {@code HttpResponseEncoder}/{@code HttpRequestEncoder}
 * and on {@link HttpResponseHeadEncoder}/{@link HttpRequestHeadEncoder}, with the overrides of
 * {@code ClientHttpCodec.Encoder} (HEAD/CONNECT framing, 1xx) and {@code ServerHttpCodec.Encoder} (methods
 * recorded, pass-through after an upgrade) copied into {@link ResponseHooks} and {@link RequestHooks}, which
 * both bases call, so a test can compare the two bases.
 */
final class EncoderTwins {
    private EncoderTwins() {
    }

    /** What a test can tell a twin: the method of the request a response answers, or the switch to pass-through. */
    interface Twin extends ChannelHandler {
        /** Queues the method of the next request to be answered (responses only). */
        default void requestArrived(HttpMethod method) {
            throw new UnsupportedOperationException("requests are not answered here");
        }

        /** Switches to pass-through (requests only). */
        default void upgrade() {
            throw new UnsupportedOperationException("responses do not upgrade");
        }

        /** Methods queued or recorded and not consumed. */
        List<HttpMethod> recorded();
    }

    static Twin responses(boolean ours) {
        return ours ? new OurResponses() : new NettyResponses();
    }

    static Twin requests(boolean ours) {
        return ours ? new OurRequests() : new NettyRequests();
    }

    /** {@code ClientHttpCodec.Encoder}'s overrides. */
    static final class ResponseHooks {
        final ArrayDeque<HttpMethod> methods = new ArrayDeque<>();
        private HttpMethod method;

        boolean isContentAlwaysEmpty(HttpResponse msg, Predicate<HttpResponse> base) {
            int code = msg.status().code();
            if (code >= 100 && code < 200 && code != 101) {
                return base.test(msg);
            }
            method = methods.poll();
            return HttpMethod.HEAD.equals(method) || base.test(msg);
        }

        /** Whether the override handled the message (else the base's sanitizing runs). */
        boolean sanitized(HttpResponse msg, boolean isAlwaysEmpty) {
            if (!isAlwaysEmpty && HttpMethod.CONNECT.equals(method)
                    && msg.status().codeClass() == HttpStatusClass.SUCCESS) {
                msg.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
                return true;
            }
            return false;
        }
    }

    /** {@code ServerHttpCodec.Encoder}'s override. */
    static final class RequestHooks {
        final ArrayDeque<HttpMethod> methods = new ArrayDeque<>();
        boolean upgraded;

        /** Whether the message was handed on as it is (else the base encodes it). */
        boolean passedOn(Object msg, List<Object> out) {
            if (upgraded) {
                out.add(msg);
                return true;
            }
            if (msg instanceof HttpRequest r) {
                methods.add(r.method());
            }
            return false;
        }
    }

    private static final class NettyResponses extends HttpResponseEncoder implements Twin {
        private final ResponseHooks hooks = new ResponseHooks();

        @Override
        protected boolean isContentAlwaysEmpty(HttpResponse msg) {
            return hooks.isContentAlwaysEmpty(msg, super::isContentAlwaysEmpty);
        }

        @Override
        protected void sanitizeHeadersBeforeEncode(HttpResponse msg, boolean isAlwaysEmpty) {
            if (!hooks.sanitized(msg, isAlwaysEmpty)) {
                super.sanitizeHeadersBeforeEncode(msg, isAlwaysEmpty);
            }
        }

        @Override
        public void requestArrived(HttpMethod m) {
            hooks.methods.add(m);
        }

        @Override
        public List<HttpMethod> recorded() {
            return List.copyOf(hooks.methods);
        }
    }

    private static final class OurResponses extends HttpResponseHeadEncoder implements Twin {
        private final ResponseHooks hooks = new ResponseHooks();

        @Override
        protected boolean isContentAlwaysEmpty(HttpResponse msg) {
            return hooks.isContentAlwaysEmpty(msg, super::isContentAlwaysEmpty);
        }

        @Override
        protected void sanitizeHeadersBeforeEncode(HttpResponse msg, boolean isAlwaysEmpty) {
            if (!hooks.sanitized(msg, isAlwaysEmpty)) {
                super.sanitizeHeadersBeforeEncode(msg, isAlwaysEmpty);
            }
        }

        @Override
        public void requestArrived(HttpMethod m) {
            hooks.methods.add(m);
        }

        @Override
        public List<HttpMethod> recorded() {
            return List.copyOf(hooks.methods);
        }
    }

    private static final class NettyRequests extends HttpRequestEncoder implements Twin {
        private final RequestHooks hooks = new RequestHooks();

        @Override
        protected void encode(ChannelHandlerContext ctx, Object msg, List<Object> out) throws Exception {
            if (!hooks.passedOn(msg, out)) {
                super.encode(ctx, msg, out);
            }
        }

        @Override
        public void upgrade() {
            hooks.upgraded = true;
        }

        @Override
        public List<HttpMethod> recorded() {
            return List.copyOf(hooks.methods);
        }
    }

    private static final class OurRequests extends HttpRequestHeadEncoder implements Twin {
        private final RequestHooks hooks = new RequestHooks();

        @Override
        protected void encode(ChannelHandlerContext ctx, Object msg, List<Object> out) throws Exception {
            if (!hooks.passedOn(msg, out)) {
                super.encode(ctx, msg, out);
            }
        }

        @Override
        public void upgrade() {
            hooks.upgraded = true;
        }

        @Override
        public List<HttpMethod> recorded() {
            return List.copyOf(hooks.methods);
        }
    }
}
