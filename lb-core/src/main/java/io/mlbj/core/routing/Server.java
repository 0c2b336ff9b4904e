package io.mlbj.core.routing;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

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
 * @param backup {@code backup}: balanced traffic only while no non-backup server of the backend is usable
 * @param slowStart {@code slowstart}: how long the weight ramps up after a recovery; {@link Duration#ZERO} = none
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
        int maxConnections,
        boolean backup,
        Duration slowStart) {

    public Server {
        requireNonNull(slowStart, "slowStart");
        if (slowStart.isNegative()) {
            throw new IllegalArgumentException("slowStart: " + slowStart + " (expected: >= 0)");
        }
        requireNonNull(name, "name");
        requireNonNull(host, "host");
        if ((port < 1 && !(port == 0 && host.startsWith("abns@"))) || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1..65535, or 0 for abns@)");
        }
        if (weight < 0 || weight > 256) {
            throw new IllegalArgumentException("weight: " + weight + " (expected: 0..256)");
        }
    }

    /**
     * The name, host and port only: equal servers share them, so the contract holds. Servers are map keys on
     * every request (connection pools, counts, health lookups), and the generated hash walks all twelve
     * components, two of them records of their own, each time.
     */
    @Override
    public int hashCode() {
        return (name.hashCode() * 31 + host.hashCode()) * 31 + port;
    }

    /** A non-backup server without {@code slowstart}. */
    public Server(String name, String host, int port, int id, int weight, String cookie, boolean disabled,
            ServerTls tls, HealthCheck check, int maxConnections) {
        this(name, host, port, id, weight, cookie, disabled, tls, check, maxConnections, false, Duration.ZERO);
    }
}
