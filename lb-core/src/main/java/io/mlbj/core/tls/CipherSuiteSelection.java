package io.mlbj.core.tls;

import io.netty.handler.ssl.CipherSuiteConverter;
import io.netty.handler.ssl.OpenSsl;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * The cipher suites a provider can actually enable out of the names a {@link TlsPolicy} asks for:
 * OpenSSL takes OpenSSL names (IANA names are converted), the JDK takes IANA names (OpenSSL names are
 * converted with Netty's table); names the provider does not know are dropped and reported.
 *
 * @param suites the suites to pass to the context builder in order, or null for the provider's defaults
 * @param dropped the asked-for names (and aliases) that are not applied
 */
record CipherSuiteSelection(List<String> suites, List<String> dropped) {

    // HAProxy configures TLS 1.3 suites separately (ssl-default-bind-ciphersuites); a TLS 1.2 cipher
    // list must not switch TLS 1.3 off, so its standard suites are always added.
    private static final List<String> TLS13_SUITES =
            List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");

    CipherSuiteSelection {
        suites = suites == null ? null : List.copyOf(suites);
        dropped = List.copyOf(dropped);
    }

    /** Chooses the suites of {@code policy} that {@code provider} supports. */
    static CipherSuiteSelection select(TlsPolicy policy, TlsProvider provider) {
        List<String> dropped = new ArrayList<>(policy.cipherAliases());
        if (policy.cipherNames().isEmpty()) {
            return new CipherSuiteSelection(null, dropped);
        }
        List<String> suites = new ArrayList<>();
        Set<String> jdkSupported = provider == TlsProvider.JDK ? jdkSupported() : Set.of();
        for (String name : policy.cipherNames()) {
            String converted = provider == TlsProvider.OPENSSL ? toOpenSsl(name) : toJdk(name, jdkSupported);
            if (converted == null) {
                dropped.add(name);
            } else if (!suites.contains(converted)) {
                suites.add(converted);
            }
        }
        if (suites.isEmpty()) {
            return new CipherSuiteSelection(null, dropped);
        }
        if (policy.protocols().contains(TlsPolicy.TLS_V13)) {
            for (String s : TLS13_SUITES) {
                String converted = provider == TlsProvider.OPENSSL ? toOpenSsl(s) : toJdk(s, jdkSupported);
                if (converted != null && !suites.contains(converted)) {
                    suites.add(converted);
                }
            }
        }
        return new CipherSuiteSelection(suites, dropped);
    }

    private static String toOpenSsl(String name) {
        // Netty recognises TLS 1.3 suites by their IANA names only; converted, they would be taken
        // for TLS 1.2 suites and TLS 1.3 would end up with none.
        if (TLS13_SUITES.contains(name)) {
            return OpenSsl.isCipherSuiteAvailable(name) ? name : null;
        }
        String openSsl = name.startsWith("TLS_") || name.startsWith("SSL_")
                ? CipherSuiteConverter.toOpenSsl(name, String.valueOf(OpenSsl.versionString()).startsWith("BoringSSL"))
                : name;
        if (openSsl == null && name.startsWith("TLS_")) {
            openSsl = name;
        }
        return openSsl != null && OpenSsl.isCipherSuiteAvailable(openSsl) ? openSsl : null;
    }

    private static String toJdk(String name, Set<String> supported) {
        String java = name.startsWith("TLS_") || name.startsWith("SSL_") ? name : CipherSuiteConverter.toJava(name, "TLS");
        return java != null && supported.contains(java) ? java : null;
    }

    private static Set<String> jdkSupported() {
        try {
            return Set.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
        } catch (NoSuchAlgorithmException e) {
            throw new TlsConfigException("JDK TLS provider: no default SSLContext", e);
        }
    }
}
