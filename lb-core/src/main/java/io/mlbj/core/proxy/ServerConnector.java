package io.mlbj.core.proxy;

import io.mlbj.core.admin.BackendCounters;
import io.mlbj.core.admin.ProxyCounters;
import io.mlbj.core.pool.BackendExchange;
import io.mlbj.core.pool.BackendHttpHandler;
import io.mlbj.core.pool.BackendPool;
import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.Server;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.concurrent.Future;

/**
 * The server end of one request: chooses the server (sticky hook, then balancer), gets a connection to it
 * (pooled or new, with retries and redispatch), keeps the server's session counts, and finally returns the
 * connection to the pool or closes it. {@link ServerExchange}, the only subclass, carries the HTTP messages
 * over that connection; a superclass rather than a collaborator, so a request costs no object of its own:
 * a client connection keeps one exchange and {@link #begin begins} it again for each request once the
 * previous one has ended normally ({@code docs/architecture/exchangereuse.md}).
 */
abstract class ServerConnector implements BackendExchange {
    final HttpProxyHandler client;
    final ForwardingContext context;

    // The request's, set by begin(); confined to the client's event loop, which the backend connection shares.
    RouteIndex index;
    Backend backend;
    NettyRequestView view;
    HttpRequest request;
    // The decision handed back is the one this persistence returned for the request, so its type matches.
    BackendPersistence<Object> persistence;
    BackendCounters backendCounters;
    Server server;
    Object persistenceDecision;
    // Whether the balancer chose the server (no cookie pinned it, or a redispatch): HAProxy's lbtot.
    private boolean balanced;
    private int attempt;
    Channel channel;
    private boolean counted;
    ProxyCounters serverCounters;
    private long connectStartNanos;
    boolean finished;

    ServerConnector(HttpProxyHandler client, ForwardingContext context) {
        this.client = client;
        this.context = context;
    }

    /**
     * Takes on the request {@code view} shows, bound for {@code backend}: every per-request field starts
     * afresh. Only for a new exchange or one whose previous request ended by {@code releaseConnection} (no
     * connection attempt of it is pending, no backend connection routes to it any more).
     */
    final void begin(RouteIndex index, Backend backend, NettyRequestView view) {
        this.index = index;
        this.backend = backend;
        this.view = view;
        this.request = view.request();
        @SuppressWarnings("unchecked")
        BackendPersistence<Object> p = (BackendPersistence<Object>) index.persistence(backend);
        this.persistence = p;
        this.backendCounters = client.lookups().backend(index, backend);
        server = null;
        persistenceDecision = null;
        balanced = false;
        attempt = 0;
        channel = null;
        counted = false;
        serverCounters = null;
        connectStartNanos = 0;
        finished = false;
    }

    /** Connected (again, after a stale pooled connection): sends the request on {@link #channel}. */
    abstract void sendRequest();

    /** Ends the exchange before any response byte, answering {@code status}. */
    abstract void fail(HttpResponseStatus status);

    /** Whether the request could be sent again, unseen by the client, should a reused connection fail under it. */
    abstract boolean resendable();

    /** Chooses the server and connects to it; answers 503 when no server is available. */
    final void chooseAndConnect() {
        if (persistence != null) {
            persistenceDecision = persistence.onRequest(request, context.counts());
            server = persistence.pinnedServer(persistenceDecision);
        }
        if (server == null) {
            balanced = true;
            server = index.balancer(backend).choose(view, context.counts(), null);
        }
        if (server == null) {
            client.failExchange(ErrorResponses.of(HttpResponseStatus.SERVICE_UNAVAILABLE));
            return;
        }
        connect();
    }

    final void connect() {
        BackendPool pool = client.lookups().pool();
        // Within a read (nearly always) this is the read's time, not a clock reading.
        connectStartNanos = EventClock.now();
        // As HAProxy's `http-reuse safe`: a connection's first request goes on a connection of its own unless it
        // can be sent again should the server have just closed the idle one (a later request's client has seen
        // the connection work and may retry it itself).
        Channel idle = resendable() || !client.firstRequest() ? pool.pollIdle(server) : null;
        if (idle != null) {
            // The common case on a busy connection: no future to allocate and complete, and no connection
            // attempt to time (the backend's ctime counts a reuse as 0 through its session count).
            attachTo(idle, false);
            return;
        }
        Future<Channel> f = pool.connectHttp(server, backend.timeouts().connect());
        if (f.isDone()) {
            connected(f);
        } else {
            f.addListener(this::connected);
        }
    }

    private void connected(Future<? super Channel> f) {
        if (finished) {
            if (f.isSuccess()) {
                ((Channel) f.getNow()).close();
            }
            return;
        }
        if (!f.isSuccess()) {
            ProxyCounters failed = backendCounters.server(server.name());
            failed.connectError();
            backendCounters.totals().connectError();
            if (attempt < backend.retries()) {
                attempt++;
                failed.retry();
                backendCounters.totals().retry();
                if (attempt == backend.retries() && backend.redispatch()) {
                    Server other = index.balancer(backend).choose(view, context.counts(), server);
                    if (other != null && !other.equals(server)) {
                        balanced = true;
                        failed.redispatch();
                        backendCounters.totals().redispatch();
                        server = other;
                    }
                }
                connect();
            } else {
                if (client.accessLog() != null) {
                    client.accessLog().serverUnreachable(server, attempt);
                }
                fail(HttpResponseStatus.SERVICE_UNAVAILABLE);
            }
            return;
        }
        attachTo((Channel) f.getNow(), true);
    }

    private void attachTo(Channel ch, boolean connectedNow) {
        channel = ch;
        BackendHttpHandler.attach(channel, this);
        if (connectedNow) {
            backendCounters.recordConnectTime(EventClock.now() - connectStartNanos);
        }
        if (!counted) {
            context.counts().increment(server);
            counted = true;
            serverCounters = client.lookups().server(index, backend, server);
            long now = EventClock.now();
            backendCounters.totals().sessionOpened(now);
            serverCounters.sessionOpened(now);
            if (balanced) {
                serverCounters.chosenByBalancer();
            }
        }
        if (client.accessLog() != null) {
            client.accessLog().serverConnected(server, connectStartNanos, attempt);
        }
        sendRequest();
    }

    /** Detaches the connection and returns it to the pool ({@code reusable}) or closes it. */
    final void releaseConnection(boolean reusable) {
        Channel ch = channel;
        channel = null;
        BackendHttpHandler.attach(ch, null);
        if (reusable) {
            // The connection was made on the client's loop, whose pool it goes back to.
            client.lookups().pool().release(server, ch);
        } else {
            ch.close();
        }
    }

    /** Detaches and closes the connection, if there is one. */
    final void closeConnection() {
        if (channel != null) {
            BackendHttpHandler.attach(channel, null);
            channel.close();
            channel = null;
        }
    }

    final void uncount() {
        if (counted) {
            counted = false;
            context.counts().decrement(server);
            backendCounters.totals().sessionClosed();
            serverCounters.sessionClosed();
        }
    }

    /** Body bytes toward the server ({@code request}) or back to the client. */
    final void countBytes(int n, boolean request) {
        if (request) {
            backendCounters.totals().bytesIn(n);
            serverCounters.bytesIn(n);
        } else {
            backendCounters.totals().bytesOut(n);
            serverCounters.bytesOut(n);
        }
    }

    final void countResponseError() {
        backendCounters.totals().responseError();
        if (serverCounters != null) {
            serverCounters.responseError();
        }
    }
}
