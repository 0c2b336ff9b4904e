package io.mlbj.marathon.services;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;

/** One task behind a service port: the agent host, the address to connect to, the port, and whether it drains. */
public record BackendServer(String host, String ip, int port, boolean draining) {
    /** marathon-lb's server order {@code (host, port)}; ip and draining only break ties deterministically. */
    public static final Comparator<BackendServer> ORDER = Comparator.comparing(BackendServer::host, PythonStrings.ORDER)
            .thenComparingInt(BackendServer::port)
            .thenComparing(BackendServer::ip, PythonStrings.ORDER)
            .thenComparing(BackendServer::draining);

    public BackendServer {
        requireNonNull(host, "host");
        requireNonNull(ip, "ip");
    }
}
