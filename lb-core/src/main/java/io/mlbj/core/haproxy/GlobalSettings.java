package io.mlbj.core.haproxy;

import java.util.List;

/**
 * What the {@code global} section contributes to routing: the TLS defaults of binds
 * ({@code ssl-default-bind-ciphers}, {@code ssl-default-bind-options}), {@code spread-checks} and
 * {@code maxconn}.
 *
 * @param bindCiphers null when not set
 * @param spreadChecks percent of random jitter of health-check intervals (0 = none)
 * @param maxConnections {@code maxconn}: client connections over all frontends (0 = not set)
 */
record GlobalSettings(String bindCiphers, List<String> bindOptions, int spreadChecks, int maxConnections) {
    GlobalSettings {
        bindOptions = List.copyOf(bindOptions);
    }
}
