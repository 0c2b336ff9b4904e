package io.mlbj.core.routing;

import static java.util.Objects.requireNonNull;

/**
 * What a frontend logs per request or connection: HAProxy's {@code option httplog} / {@code option tcplog}
 * and {@code option dontlognull}. Where the lines go (and whether logging is on at all) is the engine's
 * setting, not the config's.
 *
 * @param format the line format, {@link Format#NONE} when the frontend asked for none
 * @param dontLogNull {@code option dontlognull}: connections that carried no request are not logged
 */
public record FrontendLog(Format format, boolean dontLogNull) {
    /** No per-request lines (a frontend without {@code option httplog}/{@code tcplog}). */
    public static final FrontendLog NONE = new FrontendLog(Format.NONE, false);

    /** The line format. */
    public enum Format {
        /** Nothing is logged. */
        NONE,
        /** {@code option tcplog}: one line per connection. */
        TCP,
        /** {@code option httplog}: one line per request. */
        HTTP
    }

    public FrontendLog {
        requireNonNull(format, "format");
    }
}
