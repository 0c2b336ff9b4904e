package io.mlbj.marathon.api;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The daemon's command-line flags that choose and configure the apps source, turned into one
 * {@link AppsSource}: {@code --apps-file} wins over {@code --marathon}.
 *
 * @param marathon {@code --marathon} URLs
 * @param sse {@code --sse} (else poll)
 * @param pollInterval {@code --poll-interval}
 * @param maxBackoff {@code --max-backoff}
 * @param marathonAuthCredentialFile {@code --marathon-auth-credential-file}, if given
 * @param authCredentials {@code --auth-credentials} ({@code user:password}), if given
 * @param marathonCaCert {@code --marathon-ca-cert}, if given
 * @param appsFile {@code --apps-file}, if given
 */
public record MarathonSourceFlags(
        List<URI> marathon,
        boolean sse,
        Duration pollInterval,
        Duration maxBackoff,
        Optional<Path> marathonAuthCredentialFile,
        Optional<String> authCredentials,
        Optional<Path> marathonCaCert,
        Optional<Path> appsFile) {

    public MarathonSourceFlags {
        marathon = List.copyOf(requireNonNull(marathon, "marathon"));
        requireNonNull(pollInterval, "pollInterval");
        requireNonNull(maxBackoff, "maxBackoff");
        requireNonNull(marathonAuthCredentialFile, "marathonAuthCredentialFile");
        requireNonNull(authCredentials, "authCredentials");
        requireNonNull(marathonCaCert, "marathonCaCert");
        requireNonNull(appsFile, "appsFile");
    }

    /** Builds the source; bad files or URLs fail here with a message naming the flag or file. */
    public AppsSource open(Clock clock) {
        if (appsFile.isPresent()) {
            return new AppsFileSource(appsFile.get(), Duration.ofSeconds(1), clock);
        }
        MarathonClientOptions options = MarathonClientOptions.of(marathon);
        Optional<MarathonCredentials> credentials =
                MarathonCredentials.resolve(marathonAuthCredentialFile.orElse(null), authCredentials.orElse(null));
        if (credentials.isPresent()) {
            options = options.withCredentials(credentials.get());
        }
        if (marathonCaCert.isPresent()) {
            options = options.withSslContext(MarathonTls.trustingCa(marathonCaCert.get()));
        }
        SyncTimings timings = SyncTimings.defaults()
                .withPollInterval(pollInterval)
                .withBackoff(SyncTimings.defaults().initialBackoff(), maxBackoff);
        return new MarathonAppsSource(options, sse, timings, clock);
    }
}
