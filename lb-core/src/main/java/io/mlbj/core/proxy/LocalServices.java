package io.mlbj.core.proxy;

import io.mlbj.core.routing.RequestView;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;

/**
 * The built-in services that {@code http-request use-service NAME} rules (and {@code stats uri},
 * {@code monitor-uri}) answer with: the admin endpoints. Called on the client's event loop.
 */
public interface LocalServices {
    /** No services: {@code use-service} rules are skipped. */
    LocalServices NONE = (service, request, view) -> null;

    /** The answer of service {@code service} to {@code request}, or null when it is not provided (the rule is skipped). */
    FullHttpResponse serve(String service, HttpRequest request, RequestView view);
}
