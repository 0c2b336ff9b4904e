package io.mlbj.core.routing;

import java.net.InetAddress;

/**
 * What a routing condition may look at in a request (HAProxy's sample fetches), independent of Netty
 * so conditions are pure and testable. In TCP mode only {@link #clientAddress()}, {@link #isTls()} and
 * {@link #sni()} are meaningful; the others return null.
 */
public interface RequestView {
    /** The first value of the named request header (case-insensitive name), or null. */
    String header(String name);

    /** The request path without the query string ({@code path} fetch), or null in TCP mode. */
    String path();

    /** The path with the query ({@code url}/{@code uri}). */
    String uri();

    /** The TLS SNI server name sent by the client, or null. */
    String sni();

    /** Whether the client connection is TLS ({@code ssl_fc}). */
    boolean isTls();

    /** The client's IP address ({@code src}). */
    InetAddress clientAddress();

    /** The port the client connected to ({@code dst_port}). */
    int frontendPort();
}
