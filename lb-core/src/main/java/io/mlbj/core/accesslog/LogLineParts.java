package io.mlbj.core.accesslog;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The fields that HAProxy's httplog and tcplog lines have in common, written in their order. */
final class LogLineParts {
    private static final DateTimeFormatter ACCEPT_DATE =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss.SSS", Locale.ROOT);

    private LogLineParts() {
    }

    /** {@code ip:port [accept date] frontend[~] backend/server } (with the trailing space). */
    static StringBuilder source(StringBuilder sb, String clientIp, int clientPort, ZonedDateTime accepted,
            String frontend, boolean tls, String backend, String server) {
        return sb.append(clientIp).append(':').append(clientPort)
                .append(" [").append(ACCEPT_DATE.format(accepted)).append("] ")
                .append(frontend).append(tls ? "~" : "").append(' ')
                .append(backend).append('/').append(server).append(' ');
    }

    /** {@code actconn/feconn/beconn/srv_conn/retries 0/0} (queues are never used, so always 0/0). */
    static StringBuilder connections(StringBuilder sb, int active, int frontend, int backend, int server, int retries) {
        return sb.append(active).append('/').append(frontend).append('/')
                .append(backend).append('/').append(server).append('/').append(retries)
                .append(" 0/0");
    }
}
