package io.mlbj.core.proxy;

import io.netty.handler.codec.http.HttpResponseStatus;

/** Why a message head was refused and the status to answer; carried as the cause of a failed decoder result. */
public final class RejectedHead extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient HttpResponseStatus status;

    /** A refusal answered with {@code status}, for the reason {@code why}. */
    public RejectedHead(HttpResponseStatus status, String why) {
        super(why, null, false, false);
        this.status = java.util.Objects.requireNonNull(status, "status");
    }

    /** The status to answer (400, or 505 for an unsupported HTTP version). */
    public HttpResponseStatus status() {
        return status;
    }

    /** The status for a failed decoder result: the refusal's own, else 400. */
    public static HttpResponseStatus statusFor(Throwable cause) {
        return cause instanceof RejectedHead r ? r.status : HttpResponseStatus.BAD_REQUEST;
    }
}
