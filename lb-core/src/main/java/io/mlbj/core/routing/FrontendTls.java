package io.mlbj.core.routing;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * TLS termination on a frontend bind ({@code bind ... ssl crt A crt B}): certificate files or
 * directories in order (the first is the default when SNI is absent or unknown), ALPN protocols,
 * and the global {@code ssl-default-bind-*} settings in force.
 */
public record FrontendTls(List<String> certificates, List<String> alpn, String ciphers, List<String> options) {
    public FrontendTls {
        certificates = List.copyOf(requireNonNull(certificates, "certificates"));
        alpn = List.copyOf(requireNonNull(alpn, "alpn"));
        options = List.copyOf(requireNonNull(options, "options"));
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("certificates: empty (expected: at least one crt)");
        }
    }
}
