package io.mlbj.core.proxy;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** HAProxy's built-in error responses: short HTML bodies, {@code Cache-Control: no-cache}, {@code Connection: close}. */
public final class ErrorResponses {
    /** 400: the request could not be parsed. */
    public static final HttpResponseStatus BAD_REQUEST = HttpResponseStatus.BAD_REQUEST;
    /** 408 with HAProxy's reason phrase. */
    public static final HttpResponseStatus REQUEST_TIMEOUT = new HttpResponseStatus(408, "Request Time-out");
    /** 504 with HAProxy's reason phrase. */
    public static final HttpResponseStatus GATEWAY_TIMEOUT = new HttpResponseStatus(504, "Gateway Time-out");

    private ErrorResponses() {}

    /** A new error response for {@code status}, closing the connection. */
    public static FullHttpResponse of(HttpResponseStatus status) {
        String body = "<html><body><h1>" + status.code() + " " + status.reasonPhrase() + "</h1>\n"
                + explanation(status.code()) + "\n</body></html>\n";
        byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        r.headers()
                .set(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                .set(HttpHeaderNames.CONTENT_TYPE, "text/html");
        return r;
    }

    private static String explanation(int code) {
        return switch (code) {
            case 400 -> "Your browser sent an invalid request.";
            case 401 -> "You need a valid user and password to access this content.";
            case 403 -> "Request forbidden by administrative rules.";
            case 408 -> "Your browser didn't send a complete request in time.";
            case 502 -> "The server returned an invalid or incomplete response.";
            case 503 -> "No server is available to handle this request.";
            case 504 -> "The server didn't respond in time.";
            case 505 -> "The HTTP version of the request is not supported.";
            default -> "An error occurred.";
        };
    }
}
