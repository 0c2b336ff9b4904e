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

/**
 * The two encoders of the proxy, each twice: on Netty's {@code HttpResponseEncoder}/{@code HttpRequestEncoder}
 * and on {@link HttpResponseHeadEncoder}/{@link HttpRequestHeadEncoder}, with the overrides of
 * {@code ClientHttpCodec.Encoder} (HEAD/CONNECT framing, 1xx) and {@code ServerHttpCodec.Encoder} (methods
 * recorded, pass-through after an upgrade) copied onto each, so a test can compare the two bases.
 */
final class EncoderTwins {
    private EncoderTwins() {
    }

    /** What a test can tell a twin: the method of the request a response answers, or the switch to pass-through. */
    interface Twin extends ChannelHandler {
        /** Queues the method of the next request to be answered (responses only). */
        void requestArrived(HttpMethod method);

        /** Switches to pass-through (requests only). */
        void upgrade();

        /** Methods recorded from written requests (requests only). */
        List<HttpMethod> recorded();
    }

    static Twin responses(boolean ours) {
        return ours ? new OurResponses() : new NettyResponses();
    }

    static Twin requests(boolean ours) {
        return ours ? new OurRequests() : new NettyRequests();
    }

    private static final class NettyResponses extends HttpResponseEncoder implements Twin {
        private final ArrayDeque<HttpMethod> methods = new ArrayDeque<>();
        private HttpMethod method;

        @Override
        protected boolean isContentAlwaysEmpty(HttpResponse msg) {
            int code = msg.status().code();
            if (code >= 100 && code < 200 && code != 101) {
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

        @Override
        public void requestArrived(HttpMethod m) {
            methods.add(m);
        }

        @Override
        public void upgrade() {
            throw new UnsupportedOperationException("responses do not upgrade");
        }

        @Override
        public List<HttpMethod> recorded() {
            return List.copyOf(methods);
        }
    }

    private static final class OurResponses extends HttpResponseHeadEncoder implements Twin {
        private final ArrayDeque<HttpMethod> methods = new ArrayDeque<>();
        private HttpMethod method;

        @Override
        protected boolean isContentAlwaysEmpty(HttpResponse msg) {
            int code = msg.status().code();
            if (code >= 100 && code < 200 && code != 101) {
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

        @Override
        public void requestArrived(HttpMethod m) {
            methods.add(m);
        }

        @Override
        public void upgrade() {
            throw new UnsupportedOperationException("responses do not upgrade");
        }

        @Override
        public List<HttpMethod> recorded() {
            return List.copyOf(methods);
        }
    }

    private static final class NettyRequests extends HttpRequestEncoder implements Twin {
        private final ArrayDeque<HttpMethod> methods = new ArrayDeque<>();
        private boolean upgraded;

        @Override
        protected void encode(ChannelHandlerContext ctx, Object msg, List<Object> out) throws Exception {
            if (upgraded) {
                out.add(msg);
                return;
            }
            if (msg instanceof HttpRequest r) {
                methods.add(r.method());
            }
            super.encode(ctx, msg, out);
        }

        @Override
        public void requestArrived(HttpMethod m) {
            throw new UnsupportedOperationException("requests are not answered here");
        }

        @Override
        public void upgrade() {
            upgraded = true;
        }

        @Override
        public List<HttpMethod> recorded() {
            return List.copyOf(methods);
        }
    }

    private static final class OurRequests extends HttpRequestHeadEncoder implements Twin {
        private final ArrayDeque<HttpMethod> methods = new ArrayDeque<>();
        private boolean upgraded;

        @Override
        protected void encode(ChannelHandlerContext ctx, Object msg, List<Object> out) throws Exception {
            if (upgraded) {
                out.add(msg);
                return;
            }
            if (msg instanceof HttpRequest r) {
                methods.add(r.method());
            }
            super.encode(ctx, msg, out);
        }

        @Override
        public void requestArrived(HttpMethod m) {
            throw new UnsupportedOperationException("requests are not answered here");
        }

        @Override
        public void upgrade() {
            upgraded = true;
        }

        @Override
        public List<HttpMethod> recorded() {
            return List.copyOf(methods);
        }
    }
}
