package io.mlbj.core.proxy;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.routing.RequestView;
import io.netty.channel.Channel;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import io.netty.handler.codec.http.HttpRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * A {@link RequestView} over a Netty request and the client's channel. It reads the request live, so
 * a condition evaluated after a header rule sees the rewritten header, as in HAProxy. A client connection
 * keeps one and {@linkplain #show shows} each of its requests through it in turn.
 */
public final class NettyRequestView implements RequestView {
    private static final AttributeKey<String> CLIENT_ADDRESS_TEXT = AttributeKey.valueOf("mlbj.clientAddressText");

    private final Channel channel;
    private final boolean tls;
    private HttpRequest request;

    /** A view of {@code request} received on {@code channel} (a client connection). */
    public NettyRequestView(HttpRequest request, Channel channel) {
        this(request, channel, requireNonNull(channel, "channel").pipeline().get(PipelineNames.TLS) != null);
    }

    /** A view of {@code request} received on {@code channel}, whose pipeline decrypts TLS when {@code tls}. */
    public NettyRequestView(HttpRequest request, Channel channel, boolean tls) {
        this(channel, tls);
        show(request);
    }

    /** A view of the requests of {@code channel}, none yet ({@link #show}). */
    NettyRequestView(Channel channel, boolean tls) {
        this.channel = requireNonNull(channel, "channel");
        this.tls = tls;
    }

    /** Shows {@code request} from now on, once every reader of the one shown before is done with it. */
    void show(HttpRequest request) {
        this.request = requireNonNull(request, "request");
    }

    /** The request seen through this view. */
    public HttpRequest request() {
        return request;
    }

    @Override
    public String header(String name) {
        return request.headers().get(name);
    }

    @Override
    public String path() {
        String uri = originForm(request.uri());
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }

    @Override
    public String uri() {
        return request.uri();
    }

    @Override
    public String sni() {
        return channel.attr(FrontendTlsHandlers.SNI_HOST_NAME).get();
    }

    @Override
    public boolean isTls() {
        return tls;
    }

    @Override
    public InetAddress clientAddress() {
        SocketAddress a = channel.remoteAddress();
        return a instanceof InetSocketAddress i ? i.getAddress() : null;
    }

    /** The client's address as text ({@code X-Forwarded-For}), made once per connection, or null. */
    public String clientAddressText() {
        return clientAddressText(channel);
    }

    /** The address text of {@code channel}'s peer, made once per connection; null when it has no IP address. */
    static String clientAddressText(Channel channel) {
        Attribute<String> cached = channel.attr(CLIENT_ADDRESS_TEXT);
        String text = cached.get();
        if (text == null) {
            SocketAddress a = channel.remoteAddress();
            if (!(a instanceof InetSocketAddress i) || i.getAddress() == null) {
                return null;
            }
            text = i.getAddress().getHostAddress();
            cached.set(text);
        }
        return text;
    }

    /** The port of {@code channel}'s peer, 0 when it has none. */
    static int clientPort(Channel channel) {
        return channel.remoteAddress() instanceof InetSocketAddress i ? i.getPort() : 0;
    }

    @Override
    public int frontendPort() {
        SocketAddress a = channel.localAddress();
        return a instanceof InetSocketAddress i ? i.getPort() : 0;
    }

    /** The path-and-query part of a request target, also for the absolute form {@code http://h/p?q}. */
    static String originForm(String uri) {
        if (uri.startsWith("/") || uri.equals("*")) {
            return uri;
        }
        int scheme = uri.indexOf("://");
        if (scheme < 0) {
            return uri;
        }
        int slash = uri.indexOf('/', scheme + 3);
        int query = uri.indexOf('?', scheme + 3);
        if (slash < 0 || (query >= 0 && query < slash)) {
            return query < 0 ? "/" : "/" + uri.substring(query);
        }
        return uri.substring(slash);
    }
}
