package io.mlbj.core.proxy;

/**
 * The names of the handlers this engine installs, in pipeline order. Client (inbound) side:
 * <pre>
 *   tls          SSL/SNI handler, only when the frontend has {@code tls}  (FrontendTlsHandlers)
 *   traffic      FrontendTrafficHandler: frontend sessions and bytes      (always)
 *   accessLog    Http/TcpAccessLogHandler: httplog line per request / tcplog line per connection (log on)
 *   clientTimer  request-head, keep-alive and client-inactivity timers     (ClientTimeouts, HTTP)
 *   httpCodec    ClientHttpCodec (HttpServerCodec's behaviour + framing checks) (HTTP)
 *   httpProxy    HttpProxyHandler: routing, rules, forwarding             (HTTP)
 *   relay        RelayHandler: byte relay                                 (TCP mode, and HTTP after a 101)
 *   idle         IdleStateHandler for {@code timeout tunnel}/{@code timeout client} in byte-relay mode
 * </pre>
 * Backend (outbound) side:
 * <pre>
 *   tls          SslHandler, only when the server has {@code tls}          (ServerTlsHandlers)
 *   httpCodec    ServerHttpCodec (HttpClientCodec's behaviour + strict checks) (HTTP)
 *   backend      BackendHttpHandler: relays the response to its exchange   (HTTP)
 *   relay, idle  as on the client side                                    (TCP, tunnels)
 * </pre>
 */
public final class PipelineNames {
    /** TLS handler (server side SNI/SSL or client side SslHandler). */
    public static final String TLS = "tls";
    /** Client-side session and byte counting. */
    public static final String TRAFFIC = "traffic";
    /** Client-side access log ({@code option httplog}). */
    public static final String ACCESS_LOG = "accessLog";
    /** Client-side HTTP timers. */
    public static final String CLIENT_TIMER = "clientTimer";
    /** The HTTP codec on either side. */
    public static final String HTTP_CODEC = "httpCodec";
    /** The client-side HTTP proxy handler. */
    public static final String HTTP_PROXY = "httpProxy";
    /** The backend-side HTTP handler. */
    public static final String BACKEND = "backend";
    /** A byte relay handler. */
    public static final String RELAY = "relay";
    /** Idle timer of a byte relay. */
    public static final String IDLE = "idle";

    private PipelineNames() {}
}
