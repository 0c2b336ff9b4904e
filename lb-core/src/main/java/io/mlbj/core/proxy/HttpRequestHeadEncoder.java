package io.mlbj.core.proxy;

import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;

/**
 * Writes requests as Netty 4.2's {@code HttpRequestEncoder} does (its request line, an absolute URI without a
 * path given one, the URI in UTF-8), through {@link Http1MessageEncoder}'s one-pass head writing.
 */
public class HttpRequestHeadEncoder extends Http1MessageEncoder<HttpRequest> {
    /** An encoder in its initial state. */
    public HttpRequestHeadEncoder() {
    }

    @Override
    public boolean acceptOutboundMessage(Object msg) throws Exception {
        return super.acceptOutboundMessage(msg) && !(msg instanceof HttpResponse);
    }

    @Override
    protected void writeInitialLine(HeadBytes head, HttpRequest request) {
        head.writeAscii(request.method().asciiName());
        head.writeByte(' ');
        if (request instanceof ScannedRequest scanned && scanned.targetAsReceived()) {
            scanned.writeTarget(head); // no String made for a request forwarded as it came
        } else {
            writeTarget(head, request.uri());
        }
        head.writeByte(' ');
        StatusLines.writeVersion(head, request.protocolVersion());
        head.writeCrlf();
    }

    private static void writeTarget(HeadBytes head, String uri) {
        if (uri.isEmpty()) {
            head.writeByte('/');
            return;
        }
        CharSequence target = uri;
        boolean needSlash = false;
        int start = uri.indexOf("://");
        if (start != -1 && uri.charAt(0) != '/') {
            // An absolute URI without a path gets one, as Netty writes it.
            start += 3;
            int query = uri.indexOf('?', start);
            if (query == -1) {
                needSlash = uri.lastIndexOf('/') < start;
            } else if (uri.lastIndexOf('/', query) < start) {
                target = new StringBuilder(uri).insert(query, '/');
            }
        }
        head.writeUtf8(target);
        if (needSlash) {
            head.writeByte('/');
        }
    }
}
