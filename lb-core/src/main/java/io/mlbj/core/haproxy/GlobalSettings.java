package io.mlbj.core.haproxy;

import java.util.List;

/**
 * What the {@code global} section contributes to routing: the TLS defaults of binds
 * ({@code ssl-default-bind-ciphers}, {@code ssl-default-bind-options}) and {@code spread-checks}.
 *
 * @param bindCiphers null when not set
 * @param spreadChecks percent of random jitter of health-check intervals (0 = none)
 */
record GlobalSettings(String bindCiphers, List<String> bindOptions, int spreadChecks) {
    GlobalSettings {
        bindOptions = List.copyOf(bindOptions);
    }
}
