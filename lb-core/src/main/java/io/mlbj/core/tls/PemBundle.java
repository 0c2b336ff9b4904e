package io.mlbj.core.tls;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * One certificate with its private key, as read from a combined PEM file: the chain starts with the
 * certificate of the key, followed by the intermediates; {@code serverNames} are the lower-case DNS
 * names it serves (its DNS subject alternative names, else its common name; may hold wildcards such
 * as {@code *.example.com}).
 */
public record PemBundle(Path source, List<X509Certificate> chain, PrivateKey key, List<String> serverNames) {
    public PemBundle {
        requireNonNull(source, "source");
        chain = List.copyOf(requireNonNull(chain, "chain"));
        requireNonNull(key, "key");
        serverNames = List.copyOf(requireNonNull(serverNames, "serverNames"));
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("chain: empty (expected: at least the certificate of the key)");
        }
    }

    /** The certificate of the key (the first of the chain). */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** The file and the names, never the key material. */
    @Override
    public String toString() {
        return "PemBundle[" + source + " " + serverNames + ", " + chain.size() + " certificate(s), "
                + key.getAlgorithm() + " key]";
    }
}
