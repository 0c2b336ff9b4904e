package io.mlbj.core.accesslog;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The fields that HAProxy's httplog and tcplog lines have in common, written in their order. */
final class LogLineParts {
    // As DateTimeFormatter's MMM in Locale.ROOT (HAProxy's English month names).
    private static final DateTimeFormatter ACCEPT_DATE =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss.SSS", Locale.ROOT);
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};

    private LogLineParts() {
    }

    /** {@code ip:port [accept date] frontend[~] backend/server } (with the trailing space). */
    static StringBuilder source(StringBuilder sb, String clientIp, int clientPort, ZonedDateTime accepted,
            String frontend, boolean tls, String backend, String server) {
        sb.append(clientIp).append(':').append(clientPort)
                .append(" [");
        return acceptDate(sb, accepted).append("] ")
                .append(frontend).append(tls ? "~" : "").append(' ')
                .append(backend).append('/').append(server).append(' ');
    }

    /** {@code actconn/feconn/beconn/srv_conn/retries 0/0} (queues are never used, so always 0/0). */
    static StringBuilder connections(StringBuilder sb, int active, int frontend, int backend, int server, int retries) {
        return sb.append(active).append('/').append(frontend).append('/')
                .append(backend).append('/').append(server).append('/').append(retries)
                .append(" 0/0");
    }

    /**
     * {@code accepted} as {@code dd/MMM/yyyy:HH:mm:ss.SSS} (HAProxy's accept date), what
     * {@link #ACCEPT_DATE} writes, field by field for the years 1 to 9999: the formatter's general machinery
     * made about 600 B of garbage per logged request.
     */
    static StringBuilder acceptDate(StringBuilder sb, ZonedDateTime accepted) {
        int year = accepted.getYear();
        if (year < 1 || year > 9999) {
            return sb.append(ACCEPT_DATE.format(accepted)); // its era and sign rules, for clocks far off
        }
        twoDigits(sb, accepted.getDayOfMonth()).append('/').append(MONTHS[accepted.getMonthValue() - 1]).append('/');
        twoDigits(sb, year / 100);
        twoDigits(sb, year % 100).append(':');
        twoDigits(sb, accepted.getHour()).append(':');
        twoDigits(sb, accepted.getMinute()).append(':');
        twoDigits(sb, accepted.getSecond()).append('.');
        int millis = accepted.getNano() / 1_000_000;
        return sb.append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10))
                .append((char) ('0' + millis % 10));
    }

    private static StringBuilder twoDigits(StringBuilder sb, int value) {
        return sb.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }
}
