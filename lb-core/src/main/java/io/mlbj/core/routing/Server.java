package io.mlbj.core.routing;

import static java.util.Objects.requireNonNull;

/**
 * One {@code server} line of a backend. A {@code host} of {@code abns@NAME} is an in-process socket named
 * NAME (HAProxy's abstract namespace, used by marathon-lb's grouped TLS frontends); its {@code port} is 0.
 *
 * @param id HAProxy's {@code id} (marathon-lb: sha256 of the name mod 32767); 0 when not given
 * @param weight 0..256; 0 = never chosen by balancing
 * @param cookie the {@code cookie} value for sticky sessions, null when none
 * @param disabled {@code disabled}: draining, no new balanced traffic (sticky sessions still reach it)
 * @param tls null for plain connections
 * @param check null when not actively checked
 * @param maxConnections 0 = unlimited
 */
public record Server(
        String name,
        String host,
        int port,
        int id,
        int weight,
        String cookie,
        boolean disabled,
        ServerTls tls,
        HealthCheck check,
        int maxConnections) {

    public Server {
        requireNonNull(name, "name");
        requireNonNull(host, "host");
        if ((port < 1 && !(port == 0 && host.startsWith("abns@"))) || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1..65535, or 0 for abns@)");
        }
        if (weight < 0 || weight > 256) {
            throw new IllegalArgumentException("weight: " + weight + " (expected: 0..256)");
        }
    }
}
