package io.mlbj.core.routing;

/** How a frontend or backend treats its connections: HTTP/1.1 requests or an opaque byte stream. */
public enum ProxyMode {
    HTTP,
    TCP
}
