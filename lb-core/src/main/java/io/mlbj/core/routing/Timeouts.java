package io.mlbj.core.routing;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * HAProxy's {@code timeout *} values in force for a frontend or backend.
 * {@link #MARATHON_LB_DEFAULTS} are the values of marathon-lb's default {@code HAPROXY_HEAD}.
 */
public record Timeouts(
        Duration connect,
        Duration client,
        Duration server,
        Duration httpRequest,
        Duration httpKeepAlive,
        Duration tunnel,
        Duration queue,
        Duration check) {

    /** connect 3s, client 30s, server 30s, http-request 15s, http-keep-alive 1s, tunnel 3600s, queue 30s, check 5s. */
    public static final Timeouts MARATHON_LB_DEFAULTS = new Timeouts(
            Duration.ofSeconds(3), Duration.ofSeconds(30), Duration.ofSeconds(30),
            Duration.ofSeconds(15), Duration.ofSeconds(1), Duration.ofSeconds(3600),
            Duration.ofSeconds(30), Duration.ofSeconds(5));

    public Timeouts {
        requireNonNull(connect, "connect");
        requireNonNull(client, "client");
        requireNonNull(server, "server");
        requireNonNull(httpRequest, "httpRequest");
        requireNonNull(httpKeepAlive, "httpKeepAlive");
        requireNonNull(tunnel, "tunnel");
        requireNonNull(queue, "queue");
        requireNonNull(check, "check");
    }
}
