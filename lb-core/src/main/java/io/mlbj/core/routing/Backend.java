package io.mlbj.core.routing;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A {@code backend} (or the back half of a {@code listen}): its servers and how a request picks one.
 *
 * @param cookie null when not sticky
 * @param forwardFor {@code option forwardfor}: add {@code X-Forwarded-For}
 * @param serverClose {@code option http-server-close}: one request per server connection
 * @param redispatch {@code option redispatch}: a failed or persisted server may be replaced
 * @param retries {@code retries}: connection attempts after the first
 * @param requestRules {@code http-request} lines of the backend, in order
 * @param responseRules {@code http-response} lines of the backend, in order
 * @param allBackups {@code option allbackups}: when no non-backup server is usable, every usable backup server
 *     is balanced (else only the first one in declaration order)
 */
public record Backend(
        String name,
        ProxyMode mode,
        Balance balance,
        StickyCookie cookie,
        List<Server> servers,
        boolean forwardFor,
        boolean serverClose,
        boolean redispatch,
        int retries,
        List<HttpRule> requestRules,
        List<HttpRule> responseRules,
        Timeouts timeouts,
        boolean allBackups) {

    public Backend {
        requireNonNull(name, "name");
        requireNonNull(mode, "mode");
        requireNonNull(balance, "balance");
        servers = List.copyOf(requireNonNull(servers, "servers"));
        requestRules = List.copyOf(requireNonNull(requestRules, "requestRules"));
        responseRules = List.copyOf(requireNonNull(responseRules, "responseRules"));
        requireNonNull(timeouts, "timeouts");
        if (retries < 0) {
            throw new IllegalArgumentException("retries: " + retries + " (expected: >= 0)");
        }
    }

    /** A backend without {@code option allbackups}. */
    public Backend(String name, ProxyMode mode, Balance balance, StickyCookie cookie, List<Server> servers,
            boolean forwardFor, boolean serverClose, boolean redispatch, int retries, List<HttpRule> requestRules,
            List<HttpRule> responseRules, Timeouts timeouts) {
        this(name, mode, balance, cookie, servers, forwardFor, serverClose, redispatch, retries, requestRules,
                responseRules, timeouts, false);
    }
}
