package io.mlbj.core.routing;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A {@code frontend} (or the front half of a {@code listen}): where clients connect and how their
 * requests pick a backend. Rules are evaluated in order; the first match wins, then {@code defaultBackend}.
 *
 * @param tls null when the bind is plain TCP/HTTP
 * @param defaultBackend null when there is none (unmatched requests get 503)
 * @param requestRules {@code http-request} lines in order (redirects, auth, headers, deny)
 * @param responseRules {@code http-response} lines in order
 * @param maxConnections {@code maxconn}; 0 = no limit of its own
 * @param acceptProxy {@code accept-proxy}: a PROXY protocol header precedes each connection
 * @param log what is logged per request ({@code option httplog}, {@code option dontlognull})
 */
public record Frontend(
        String name,
        List<BindAddress> binds,
        ProxyMode mode,
        FrontendTls tls,
        List<RouteRule> rules,
        String defaultBackend,
        List<HttpRule> requestRules,
        List<HttpRule> responseRules,
        Timeouts timeouts,
        int maxConnections,
        boolean acceptProxy,
        FrontendLog log) {

    /** A frontend that logs nothing per request. */
    public Frontend(String name, List<BindAddress> binds, ProxyMode mode, FrontendTls tls, List<RouteRule> rules,
            String defaultBackend, List<HttpRule> requestRules, List<HttpRule> responseRules, Timeouts timeouts,
            int maxConnections, boolean acceptProxy) {
        this(name, binds, mode, tls, rules, defaultBackend, requestRules, responseRules, timeouts, maxConnections,
                acceptProxy, FrontendLog.NONE);
    }

    public Frontend {
        requireNonNull(name, "name");
        binds = List.copyOf(requireNonNull(binds, "binds"));
        requireNonNull(mode, "mode");
        rules = List.copyOf(requireNonNull(rules, "rules"));
        requestRules = List.copyOf(requireNonNull(requestRules, "requestRules"));
        responseRules = List.copyOf(requireNonNull(responseRules, "responseRules"));
        requireNonNull(timeouts, "timeouts");
        if (maxConnections < 0) {
            throw new IllegalArgumentException("maxConnections: " + maxConnections + " (expected: >= 0)");
        }
        requireNonNull(log, "log");
    }
}
