package io.mlbj.core.accesslog;

import static java.util.Objects.requireNonNull;

import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * One finished HTTP request as HAProxy's {@code option httplog} writes it, without the syslog header:
 * {@code %ci:%cp [%tr] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %B %CC %CS %tsc %ac/%fc/%bc/%sc/%rc %sq/%bq %{+Q}r}.
 * Timers are milliseconds, -1 when the step was not reached (HAProxy's convention).
 *
 * @param clientIp client address ({@code %ci})
 * @param clientPort client port ({@code %cp})
 * @param accepted when the request began ({@code %tr})
 * @param frontend frontend name ({@code %ft} without the {@code ~})
 * @param tls the client connection is TLS (HAProxy appends {@code ~} to the frontend name)
 * @param backend backend name (the frontend's name when no backend was chosen, as HAProxy writes it)
 * @param server server name, {@code <NOSRV>} when none was chosen
 * @param requestMs {@code TR}: time to receive the full request head
 * @param queueMs {@code Tw}: time waiting in queues
 * @param connectMs {@code Tc}: time to connect to the server
 * @param responseMs {@code Tr}: server response time (head)
 * @param totalMs {@code Ta}: active time of the request
 * @param status HTTP status sent to the client ({@code %ST})
 * @param bytesSent bytes sent to the client ({@code %B})
 * @param terminationState the four characters of {@code %tsc} ({@code ----} for a normal end)
 * @param activeConnections {@code %ac}
 * @param frontendConnections {@code %fc}
 * @param backendConnections {@code %bc}
 * @param serverConnections {@code %sc}
 * @param retries {@code %rc}
 * @param requestLine the request line, e.g. {@code GET /index.html HTTP/1.1}
 */
public record HttpLogEntry(
        String clientIp, int clientPort, ZonedDateTime accepted, String frontend, boolean tls, String backend,
        String server, long requestMs, long queueMs, long connectMs, long responseMs, long totalMs, int status,
        long bytesSent, String terminationState, int activeConnections, int frontendConnections,
        int backendConnections, int serverConnections, int retries, String requestLine) {

    public HttpLogEntry {
        requireNonNull(clientIp, "clientIp");
        requireNonNull(accepted, "accepted");
        requireNonNull(frontend, "frontend");
        requireNonNull(backend, "backend");
        requireNonNull(server, "server");
        requireNonNull(terminationState, "terminationState");
        requireNonNull(requestLine, "requestLine");
        if (terminationState.length() != 4) {
            throw new IllegalArgumentException("terminationState: '" + terminationState + "' (expected: 4 characters)");
        }
    }

    /** The line, in HAProxy's httplog layout; the request line is quoted with {@code "} escaped as {@code \"}. */
    public String format() {
        StringBuilder sb = LogLineParts.source(new StringBuilder(160), clientIp, clientPort, accepted, frontend, tls,
                backend, server);
        sb.append(requestMs).append('/').append(queueMs).append('/').append(connectMs).append('/')
                .append(responseMs).append('/').append(totalMs).append(' ')
                .append(status).append(' ').append(bytesSent).append(" - - ")
                .append(terminationState).append(' ');
        LogLineParts.connections(sb, activeConnections, frontendConnections, backendConnections, serverConnections,
                retries).append(" \"");
        for (int i = 0; i < requestLine.length(); i++) {
            char c = requestLine.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format(Locale.ROOT, "#%02X", (int) c)); // HAProxy's escaping of control bytes
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

}
