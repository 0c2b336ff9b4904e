package io.mlbj.bench.load;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Everything one load run needs: the target, the traffic shape, the bounds and the checks.
 *
 * @param url target URL, {@code http} or {@code https}
 * @param label series name used in reports and charts
 * @param connections number of virtual users, each with its own connection and cookie jar
 * @param threads event loop threads
 * @param rate requests per second over all users; 0 means closed loop
 * @param duration measured period after the warm-up; {@code null} means bounded by {@code requests} only
 * @param requests measured requests to issue; 0 means bounded by {@code duration} only
 * @param warmup period before measuring; its requests are sent but not recorded
 * @param timeout per-request (and connect) timeout
 * @param method request method
 * @param bodySize request body size in bytes
 * @param headers extra request headers as {@code Name: value}
 * @param cookies whether each user keeps a cookie jar
 * @param stickyCheck whether to count server-identity switches within one user's session
 * @param serverHeader response header that names the server that answered
 * @param newConnectionPerRequest whether every request opens (and closes) its own connection
 * @param allowRemote whether targets other than loopback are permitted
 * @param connectTo address to connect to instead of the URL's host (which still goes into Host and SNI), or null
 */
public record LoadConfig(
        URI url,
        String label,
        int connections,
        int threads,
        double rate,
        Duration duration,
        long requests,
        Duration warmup,
        Duration timeout,
        String method,
        int bodySize,
        List<String> headers,
        boolean cookies,
        boolean stickyCheck,
        String serverHeader,
        boolean newConnectionPerRequest,
        boolean allowRemote,
        String connectTo) {

    /** Validates every field; bad values raise {@link IllegalArgumentException} naming the option. */
    public LoadConfig {
        requireNonNull(url, "url");
        requireNonNull(label, "label");
        requireNonNull(warmup, "warmup");
        requireNonNull(timeout, "timeout");
        requireNonNull(method, "method");
        requireNonNull(serverHeader, "serverHeader");
        headers = List.copyOf(requireNonNull(headers, "headers"));
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("--url: " + url + " (expected: http:// or https://)");
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            throw new IllegalArgumentException("--url: " + url + " (expected: a host name or IP address)");
        }
        if (connections < 1) {
            throw new IllegalArgumentException("--connections: " + connections + " (expected: >= 1)");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads: " + threads + " (expected: >= 1)");
        }
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("--rate: " + rate + " (expected: >= 0, 0 = closed loop)");
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("--duration: " + duration + " (expected: > 0)");
        }
        if (requests < 0) {
            throw new IllegalArgumentException("--requests: " + requests + " (expected: >= 0)");
        }
        if (duration == null && requests == 0) {
            throw new IllegalArgumentException("--duration or --requests is required");
        }
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("--warmup: " + warmup + " (expected: >= 0)");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("--timeout: " + timeout + " (expected: > 0)");
        }
        if (!method.matches("[A-Z]+")) {
            throw new IllegalArgumentException("--method: " + method + " (expected: an upper-case token such as GET)");
        }
        if (bodySize < 0) {
            throw new IllegalArgumentException("--body-size: " + bodySize + " (expected: >= 0)");
        }
        for (String header : headers) {
            int colon = header.indexOf(':');
            if (colon <= 0 || header.indexOf('\r') >= 0 || header.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("--header: '" + header + "' (expected: Name: value)");
            }
        }
        if (connectTo != null && connectTo.isBlank()) {
            throw new IllegalArgumentException("--connect-to: blank (expected: a host name or IP address)");
        }
        if (serverHeader.isBlank()) {
            throw new IllegalArgumentException("--server-header: blank (expected: a header name such as X-Server)");
        }
    }

    /** True for {@code https} URLs. */
    public boolean tls() {
        return url.getScheme().equalsIgnoreCase("https");
    }

    /** True when a fixed request rate is set (open loop). */
    public boolean openLoop() {
        return rate > 0;
    }

    /** The host of the URL without IPv6 brackets. */
    public String host() {
        String host = url.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** The host to connect to: {@code connectTo} when given, else the URL's host. */
    public String connectHost() {
        if (connectTo == null) {
            return host();
        }
        return connectTo.startsWith("[") && connectTo.endsWith("]")
                ? connectTo.substring(1, connectTo.length() - 1) : connectTo;
    }

    /** The port of the URL, or the scheme's default. */
    public int port() {
        if (url.getPort() > 0) {
            return url.getPort();
        }
        return tls() ? 443 : 80;
    }

    /** The request target: the path (at least {@code /}) and the query. */
    public String requestTarget() {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }
}
