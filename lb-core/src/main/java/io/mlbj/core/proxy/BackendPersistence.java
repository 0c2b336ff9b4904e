package io.mlbj.core.proxy;

import io.mlbj.core.balance.ServerStatus;
import io.mlbj.core.routing.Server;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;

/**
 * Sticky sessions of one backend in one routing snapshot: before balancing it reads a request (and may
 * rewrite its headers) into a decision the exchange keeps; the decision may pin the request to a server;
 * the response head is then edited knowing the decision and the server that really answered.
 * Implementations are shared by every event loop, so they hold no per-request state.
 *
 * @param <D> what one request's cookies decided, handed back for that request's response
 */
public interface BackendPersistence<D> {
    /**
     * Reads the request's persistence before balancing, may rewrite its headers (e.g. strip a server
     * prefix from a cookie), and returns the decision for this request (never null).
     *
     * @param status which servers are up (the status the balancers see)
     */
    D onRequest(HttpRequest request, ServerStatus status);

    /** The server {@code decision} pins its request to, or null to balance it. */
    Server pinnedServer(D decision);

    /**
     * Edits a server's response head before it is sent to the client.
     *
     * @param answered the server that produced the response (after retries and redispatch)
     * @param request the request of this response (its method decides cacheability)
     */
    void onResponse(D decision, Server answered, HttpRequest request, HttpResponse response);
}
