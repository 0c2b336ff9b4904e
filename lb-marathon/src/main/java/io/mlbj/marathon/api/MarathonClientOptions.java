package io.mlbj.marathon.api;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * How to reach Marathon.
 *
 * @param marathonUrls one or more base URLs ({@code --marathon}); several = failover
 * @param credentials Basic credentials sent on every call, if any
 * @param sslContext trust for https Marathon ({@code --marathon-ca-cert}); empty = the JDK's default trust
 * @param connectTimeout per connection attempt (marathon-lb: 3.05 s for API calls, 10 s for the stream)
 * @param requestTimeout until the whole apps answer (API) or the stream's headers arrived
 * @param maxRedirects redirects to the Marathon leader followed per call
 */
public record MarathonClientOptions(
        List<URI> marathonUrls,
        Optional<MarathonCredentials> credentials,
        Optional<SSLContext> sslContext,
        Duration connectTimeout,
        Duration requestTimeout,
        int maxRedirects) {

    public MarathonClientOptions {
        requireNonNull(marathonUrls, "marathonUrls");
        requireNonNull(credentials, "credentials");
        requireNonNull(sslContext, "sslContext");
        requireNonNull(connectTimeout, "connectTimeout");
        requireNonNull(requestTimeout, "requestTimeout");
        marathonUrls = List.copyOf(marathonUrls);
        if (marathonUrls.isEmpty()) {
            throw new IllegalArgumentException("marathonUrls: empty (expected: at least one URL)");
        }
        for (URI url : marathonUrls) {
            String scheme = url.getScheme();
            if (!"http".equals(scheme) && !"https".equals(scheme) || url.getHost() == null) {
                throw new IllegalArgumentException("--marathon: " + url + " (expected: http://host:port or https://...)");
            }
        }
        if (maxRedirects < 0 || maxRedirects > 20) {
            throw new IllegalArgumentException("maxRedirects: " + maxRedirects + " (expected: 0..20)");
        }
    }

    /** Defaults as marathon-lb's: no auth, JDK trust, 3 s connect, 46 s read, 5 redirects. */
    public static MarathonClientOptions of(List<URI> marathonUrls) {
        return new MarathonClientOptions(marathonUrls, Optional.empty(), Optional.empty(),
                Duration.ofMillis(3050), Duration.ofSeconds(46), 5);
    }

    /** A copy with Basic credentials. */
    public MarathonClientOptions withCredentials(MarathonCredentials value) {
        return new MarathonClientOptions(marathonUrls, Optional.of(value), sslContext, connectTimeout,
                requestTimeout, maxRedirects);
    }

    /** A copy trusting the given TLS context. */
    public MarathonClientOptions withSslContext(SSLContext value) {
        return new MarathonClientOptions(marathonUrls, credentials, Optional.of(value), connectTimeout,
                requestTimeout, maxRedirects);
    }

    /** A copy with other timeouts. */
    public MarathonClientOptions withTimeouts(Duration connect, Duration request) {
        return new MarathonClientOptions(marathonUrls, credentials, sslContext, connect, request, maxRedirects);
    }
}
