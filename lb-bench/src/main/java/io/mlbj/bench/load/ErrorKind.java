package io.mlbj.bench.load;

import io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/** Names the kind of a failed request for the error table. */
final class ErrorKind {

    /** The request did not complete within the timeout. */
    static final String TIMEOUT = "timeout";
    /** The server closed the connection before the response was complete. */
    static final String CLOSED = "closed";

    private ErrorKind() {
    }

    /** The error-table key of a non-2xx response. */
    static String status(int code) {
        return "status_" + code;
    }

    /** Classifies a failure raised by a connect or by the channel pipeline. */
    static String of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectTimeoutException) {
                return "connect_timeout";
            }
            if (t instanceof ConnectException) {
                return message(t).contains("refused") ? "connect_refused" : "connect_error";
            }
            if (t instanceof SSLException) {
                return "tls";
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                String m = message(t);
                if (m.contains("reset")) {
                    return "reset";
                }
                if (m.contains("broken pipe")) {
                    return "broken_pipe";
                }
            }
        }
        if (failure instanceof IOException) {
            return "io";
        }
        return "protocol";
    }

    private static String message(Throwable t) {
        return t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
    }
}
