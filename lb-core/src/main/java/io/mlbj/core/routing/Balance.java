package io.mlbj.core.routing;

import static java.util.Objects.requireNonNull;

/** A backend's {@code balance} algorithm with its argument (e.g. the header name of {@code hdr(name)}). */
public record Balance(Algorithm algorithm, String argument) {
    /** The algorithms understood; HAProxy's names in {@link #haproxyName}. */
    public enum Algorithm {
        ROUNDROBIN("roundrobin"),
        STATIC_RR("static-rr"),
        LEASTCONN("leastconn"),
        FIRST("first"),
        SOURCE("source"),
        URI("uri"),
        URL_PARAM("url_param"),
        HDR("hdr"),
        RANDOM("random");

        private final String haproxyName;

        Algorithm(String haproxyName) {
            this.haproxyName = haproxyName;
        }

        /** The keyword in haproxy.cfg. */
        public String haproxyName() {
            return haproxyName;
        }
    }

    /** {@code balance roundrobin}, the default. */
    public static final Balance ROUNDROBIN = new Balance(Algorithm.ROUNDROBIN, null);

    public Balance {
        requireNonNull(algorithm, "algorithm");
    }
}
