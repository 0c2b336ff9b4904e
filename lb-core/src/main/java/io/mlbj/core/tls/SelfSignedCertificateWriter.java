package io.mlbj.core.tls;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the self-signed certificate marathon-lb's {@code run} script makes when no certificate is
 * given (RSA 2048, one common name) with Bouncy Castle, and writes it as one combined PEM file
 * (certificate, then PKCS#8 key) that {@link PemBundleLoader} and HAProxy both read.
 */
public final class SelfSignedCertificateWriter {
    private static final Logger log = LoggerFactory.getLogger(SelfSignedCertificateWriter.class);

    /** marathon-lb's default {@code --ssl-certs} path. */
    public static final Path DEFAULT_CERTIFICATE_PATH = Path.of("/etc/ssl/cert.pem");

    private static final Duration VALIDITY = Duration.ofDays(3650);
    // A DNS name, optionally with a leading wildcard label; other common names (marathon-lb's "*")
    // go in the subject only.
    private static final Pattern HOST_NAME =
            Pattern.compile("(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");

    /** The key of a generated certificate. */
    public enum KeyType {
        /** RSA, 2048 bits, signed with SHA256withRSA (marathon-lb's choice). */
        RSA_2048,
        /** EC on P-256, signed with SHA256withECDSA. */
        EC_P256
    }

    private SelfSignedCertificateWriter() {}

    /**
     * Writes a new self-signed RSA 2048 certificate for {@code commonName} to {@code target} unless a
     * file is already there; true when one was written (and logged).
     */
    public static boolean writeIfAbsent(Path target, String commonName) {
        requireNonNull(target, "target");
        if (Files.exists(target)) {
            return false;
        }
        write(generate(commonName, KeyType.RSA_2048), target);
        log.info("No TLS certificate configured: generated a self-signed certificate for CN={} at {}", commonName, target);
        return true;
    }

    /** This machine's host name in lower case, or {@code localhost} when it has none. */
    public static String defaultCommonName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name == null || name.isBlank() ? "localhost" : name.toLowerCase(Locale.ROOT);
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /**
     * A new self-signed certificate for {@code commonName} (also its DNS name when it is a host name)
     * valid for ten years.
     */
    public static PemBundle generate(String commonName, KeyType keyType) {
        requireNonNull(commonName, "commonName");
        requireNonNull(keyType, "keyType");
        if (commonName.isBlank()) {
            throw new TlsConfigException("self-signed certificate: common name is blank (expected: a host name)");
        }
        try {
            KeyPair keys;
            String signature;
            if (keyType == KeyType.RSA_2048) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                keys = generator.generateKeyPair();
                signature = "SHA256withRSA";
            } else {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                keys = generator.generateKeyPair();
                signature = "SHA256withECDSA";
            }
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    subject, new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(VALIDITY)), subject, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            if (HOST_NAME.matcher(commonName).matches()) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, commonName)));
            }
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(signature).build(keys.getPrivate())));
            return new PemBundle(Path.of("(generated)"), List.of(certificate), keys.getPrivate(),
                    List.of(commonName.toLowerCase(Locale.ROOT)));
        } catch (GeneralSecurityException | OperatorCreationException | IOException | IllegalArgumentException e) {
            throw new TlsConfigException("self-signed certificate for '" + commonName + "': " + e.getMessage(), e);
        }
    }

    /** The combined PEM text of a bundle: its chain, then its key as PKCS#8. */
    public static String toPem(PemBundle bundle) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (X509Certificate c : bundle.chain()) {
                writer.writeObject(c);
            }
            writer.writeObject(new JcaPKCS8Generator(bundle.key(), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Writes a bundle to {@code target} as combined PEM, readable only by its owner where the file
     * system allows, replacing the file in one rename so readers never see half a file.
     */
    public static void write(PemBundle bundle, Path target) {
        Path absolute = target.toAbsolutePath();
        try {
            Files.createDirectories(absolute.getParent());
            Path temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
            try {
                try {
                    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // Not a POSIX file system: keep its default permissions.
                }
                Files.writeString(temp, toPem(bundle), StandardCharsets.US_ASCII);
                try {
                    Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new TlsConfigException(target + ": cannot write certificate (" + e + ")", e);
        }
    }
}
