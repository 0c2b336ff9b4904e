package io.mlbj.core.proxy;

import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;

/**
 * Writes responses as Netty 4.2's {@code HttpResponseEncoder} does (1xx but a WebSocket 101, 204, 205 and 304
 * have no body; their framing fields are dropped or reset as there), through {@link Http1MessageEncoder}'s
 * one-pass head writing with cached status lines.
 */
public class HttpResponseHeadEncoder extends Http1MessageEncoder<HttpResponse> {
    /** An encoder in its initial state. */
    public HttpResponseHeadEncoder() {
    }

    @Override
    public boolean acceptOutboundMessage(Object msg) throws Exception {
        Class<?> type = msg.getClass();
        if (type == DefaultFullHttpResponse.class || type == DefaultHttpResponse.class) {
            return true;
        }
        return super.acceptOutboundMessage(msg) && !(msg instanceof HttpRequest);
    }

    @Override
    protected void writeInitialLine(HeadBytes head, HttpResponse response) {
        StatusLines.writeStatusLine(head, response.protocolVersion(), response.status());
    }

    @Override
    protected boolean isContentAlwaysEmpty(HttpResponse response) {
        HttpResponseStatus status = response.status();
        if (status.codeClass() == HttpStatusClass.INFORMATIONAL) {
            if (status.code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
                // Netty's rule: a 101 without Sec-WebSocket-Version (WebSocket draft 00) has a body.
                return response.headers().contains(HttpHeaderNames.SEC_WEBSOCKET_VERSION);
            }
            return true;
        }
        int code = status.code();
        return code == HttpResponseStatus.NO_CONTENT.code() || code == HttpResponseStatus.NOT_MODIFIED.code()
                || code == HttpResponseStatus.RESET_CONTENT.code();
    }

    @Override
    protected void sanitizeHeadersBeforeEncode(HttpResponse response, boolean isAlwaysEmpty) {
        if (isAlwaysEmpty) {
            HttpResponseStatus status = response.status();
            if (status.codeClass() == HttpStatusClass.INFORMATIONAL
                    || status.code() == HttpResponseStatus.NO_CONTENT.code()) {
                response.headers().remove(HttpHeaderNames.CONTENT_LENGTH);
                response.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
            } else if (status.code() == HttpResponseStatus.RESET_CONTENT.code()) {
                response.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
                response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
            }
        }
    }
}
