package io.mlbj.core.proxy;

import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.Frontend;
import io.mlbj.core.routing.RequestView;
import io.mlbj.core.routing.RouteRule;
import io.mlbj.core.routing.RoutingSnapshot;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.InetAddress;

/**
 * Decides where one HTTP request goes, in HAProxy's order: the frontend's {@code http-request} rules,
 * {@code use_backend} rules then {@code default_backend}, the backend's {@code http-request} rules, and
 * {@code option forwardfor}. Rewrites the request in place.
 */
public final class HttpRequestRouter {
    private static final String X_FORWARDED_FOR = "X-Forwarded-For";

    private HttpRequestRouter() {}

    /** The outcome: a backend to forward to, or a local answer (redirect, deny, auth, 503). */
    public record Decision(Backend backend, FullHttpResponse answer) {}

    /** Routes {@code request} (seen through {@code view}) arriving on {@code frontend}. */
    public static Decision route(RoutingSnapshot snapshot, Frontend frontend, HttpRequest request, RequestView view) {
        return route(snapshot, frontend, request, view, LocalServices.NONE);
    }

    /** As {@link #route(RoutingSnapshot, Frontend, HttpRequest, RequestView)}, answering {@code use-service} rules with {@code services}. */
    public static Decision route(RoutingSnapshot snapshot, Frontend frontend, HttpRequest request, RequestView view,
            LocalServices services) {
        return route(snapshot, null, frontend, request, view, services);
    }

    /**
     * Routes {@code request} arriving on {@code frontend}, a frontend of {@code index}'s snapshot, looking its
     * {@code use_backend} rules up in the index prepared for that snapshot (same outcome as the walk in order).
     */
    public static Decision route(RouteIndex index, Frontend frontend, HttpRequest request, RequestView view,
            LocalServices services) {
        return route(index.snapshot(), index, frontend, request, view, services);
    }

    private static Decision route(RoutingSnapshot snapshot, RouteIndex index, Frontend frontend, HttpRequest request,
            RequestView view, LocalServices services) {
        FullHttpResponse answer = HttpRuleActions.applyToRequest(frontend.requestRules(), request, view, services);
        if (answer != null) {
            return new Decision(null, answer);
        }
        Backend backend = index != null ? index.useBackend(frontend, view) : useBackendInOrder(snapshot, frontend, view);
        if (backend == null) {
            backend = snapshot.backend(frontend.defaultBackend());
        }
        if (backend == null) {
            return new Decision(null, ErrorResponses.of(HttpResponseStatus.SERVICE_UNAVAILABLE));
        }
        answer = HttpRuleActions.applyToRequest(backend.requestRules(), request, view, services);
        if (answer != null) {
            return new Decision(null, answer);
        }
        if (backend.forwardFor()) {
            String client = clientAddressText(view);
            if (client != null) {
                // HAProxy appends a separate header line after the client's own ones.
                request.headers().add(X_FORWARDED_FOR, client);
            }
        }
        return index != null ? index.forwardTo(backend) : new Decision(backend, null);
    }

    private static String clientAddressText(RequestView view) {
        if (view instanceof NettyRequestView v) {
            return v.clientAddressText();
        }
        InetAddress client = view.clientAddress();
        return client == null ? null : client.getHostAddress();
    }

    /** The backend of the first {@code use_backend} rule of {@code frontend} that holds and names one, or null. */
    static Backend useBackendInOrder(RoutingSnapshot snapshot, Frontend frontend, RequestView view) {
        for (RouteRule rule : frontend.rules()) {
            if (rule.condition().matches(view)) {
                // A dynamic name that names no backend falls through to the next rule, as in HAProxy.
                Backend backend = snapshot.backend(rule.target().select(view));
                if (backend != null) {
                    return backend;
                }
            }
        }
        return null;
    }
}
