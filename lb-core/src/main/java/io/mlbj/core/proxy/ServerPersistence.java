package io.mlbj.core.proxy;

import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.Server;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * The one place where sticky sessions plug into the HTTP flow: before balancing it may pin a request
 * to a server (and rewrite the request's {@code Cookie} header), and after the response head arrives
 * it may rewrite {@code Set-Cookie}/{@code Cache-Control} knowing which server answered.
 */
public interface ServerPersistence {
    /** No stickiness: every request is balanced and responses are left alone. */
    ServerPersistence NONE = new ServerPersistence() {
        @Override
        public Server pinnedServer(Backend backend, HttpHeaders requestHeaders) {
            return null;
        }

        @Override
        public void onResponse(Backend backend, Server server, boolean balanced, HttpHeaders responseHeaders) {}
    };

    /**
     * The server the request's cookies pin it to, or null to balance; may rewrite {@code requestHeaders}
     * (e.g. remove the cookie under {@code indirect}). Called once per request, before balancing.
     */
    Server pinnedServer(Backend backend, HttpHeaders requestHeaders);

    /**
     * Called once per response head before it is sent to the client; {@code balanced} is true when
     * the server was chosen by the balancer (no valid cookie, or a redispatch).
     */
    void onResponse(Backend backend, Server server, boolean balanced, HttpHeaders responseHeaders);
}
