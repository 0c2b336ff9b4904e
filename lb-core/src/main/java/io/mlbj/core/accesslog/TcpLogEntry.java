package io.mlbj.core.accesslog;

import static java.util.Objects.requireNonNull;

import java.time.ZonedDateTime;

/**
 * One finished TCP connection as HAProxy's {@code option tcplog} writes it, without the syslog header:
 * {@code %ci:%cp [%t] %ft %b/%s %Tw/%Tc/%Tt %B %ts %ac/%fc/%bc/%sc/%rc %sq/%bq}. Timers are milliseconds, -1
 * when the step was not reached.
 *
 * @param clientIp client address ({@code %ci})
 * @param clientPort client port ({@code %cp})
 * @param accepted when the connection was accepted ({@code %t})
 * @param frontend frontend name
 * @param tls the client connection is TLS (HAProxy appends {@code ~} to the frontend name)
 * @param backend backend name (the frontend's name when none was chosen)
 * @param server server name, {@code <NOSRV>} when none was reached
 * @param queueMs {@code Tw}
 * @param connectMs {@code Tc}
 * @param totalMs {@code Tt}: the connection's whole life
 * @param bytesSent bytes sent to the client ({@code %B})
 * @param terminationState the two characters of {@code %ts} ({@code --} for a normal end)
 * @param activeConnections {@code %ac}
 * @param frontendConnections {@code %fc}
 * @param backendConnections {@code %bc}
 * @param serverConnections {@code %sc}
 * @param retries {@code %rc}
 */
public record TcpLogEntry(
        String clientIp, int clientPort, ZonedDateTime accepted, String frontend, boolean tls, String backend,
        String server, long queueMs, long connectMs, long totalMs, long bytesSent, String terminationState,
        int activeConnections, int frontendConnections, int backendConnections, int serverConnections,
        int retries) {

    public TcpLogEntry {
        requireNonNull(clientIp, "clientIp");
        requireNonNull(accepted, "accepted");
        requireNonNull(frontend, "frontend");
        requireNonNull(backend, "backend");
        requireNonNull(server, "server");
        requireNonNull(terminationState, "terminationState");
        if (terminationState.length() != 2) {
            throw new IllegalArgumentException("terminationState: '" + terminationState + "' (expected: 2 characters)");
        }
    }

    /** The line, in HAProxy's tcplog layout. */
    public String format() {
        StringBuilder sb = LogLineParts.source(new StringBuilder(120), clientIp, clientPort, accepted, frontend, tls,
                backend, server);
        sb.append(queueMs).append('/').append(connectMs).append('/').append(totalMs).append(' ')
                .append(bytesSent).append(' ').append(terminationState).append(' ');
        return LogLineParts.connections(sb, activeConnections, frontendConnections, backendConnections,
                serverConnections, retries).toString();
    }
}
