package io.mlbj.marathon.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The TLS trust for an https Marathon ({@code --marathon-ca-cert}). */
public final class MarathonTls {
    private MarathonTls() {}

    /** An SSL context that trusts exactly the certificates of a PEM (or DER) CA file. */
    public static SSLContext trustingCa(Path caCertFile) {
        try (InputStream in = Files.newInputStream(caCertFile)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new IllegalArgumentException(caCertFile + ": no certificate found (expected: PEM CA certificate)");
            }
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate cert : certs) {
                trust.setCertificateEntry("marathon-ca-" + i++, cert);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new IllegalArgumentException(caCertFile + ": cannot read CA certificate: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(caCertFile + ": not a usable CA certificate: " + e.getMessage(), e);
        }
    }
}
