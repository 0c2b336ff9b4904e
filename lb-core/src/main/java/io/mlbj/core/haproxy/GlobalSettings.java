package io.mlbj.core.haproxy;

import java.util.List;

/**
 * What the {@code global} section contributes to routing: the TLS defaults of binds
 * ({@code ssl-default-bind-ciphers}, {@code ssl-default-bind-options}).
 *
 * @param bindCiphers null when not set
 */
record GlobalSettings(String bindCiphers, List<String> bindOptions) {
    GlobalSettings {
        bindOptions = List.copyOf(bindOptions);
    }
}
