package io.mlbj.bench;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.proxy.NettyRequestView;
import io.mlbj.core.routing.RequestView;
import java.net.InetAddress;

/**
 * The request view of a loopback TCP client on port 80 (or 443 with TLS): an {@code EmbeddedChannel} has no IP
 * addresses, so the connection facts are fixed here and the request is read through {@link NettyRequestView}.
 *
 * @param request the view of the request itself
 * @param tls whether the connection is TLS (so {@code ssl_fc} holds)
 */
public record LoopbackRequestView(NettyRequestView request, boolean tls) implements RequestView {
    private static final InetAddress CLIENT = InetAddress.getLoopbackAddress();

    /** Checks the request view is present. */
    public LoopbackRequestView {
        requireNonNull(request, "request");
    }

    @Override
    public String header(String name) {
        return request.header(name);
    }

    @Override
    public String path() {
        return request.path();
    }

    @Override
    public String uri() {
        return request.uri();
    }

    @Override
    public String sni() {
        return null;
    }

    @Override
    public boolean isTls() {
        return tls;
    }

    @Override
    public InetAddress clientAddress() {
        return CLIENT;
    }

    @Override
    public int frontendPort() {
        return tls ? 443 : 80;
    }
}
