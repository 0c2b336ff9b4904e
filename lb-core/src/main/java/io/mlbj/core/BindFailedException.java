package io.mlbj.core;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.routing.BindAddress;

/** A listening socket that could not be opened (address in use, not local, no permission). */
public final class BindFailedException extends RuntimeException {
    private final BindAddress bind;

    /** The failure to listen on {@code bind}, caused by {@code cause}. */
    public BindFailedException(BindAddress bind, Throwable cause) {
        super("cannot listen on " + requireNonNull(bind, "bind").host() + ":" + bind.port() + ": " + reason(cause), cause);
        this.bind = bind;
    }

    private static String reason(Throwable cause) {
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    /** The address that could not be bound. */
    public BindAddress bind() {
        return bind;
    }
}
