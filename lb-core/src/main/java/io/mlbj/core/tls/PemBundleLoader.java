package io.mlbj.core.tls;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.util.io.pem.PemHeader;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads HAProxy-style combined PEM files (certificate chain and unencrypted private key in one file,
 * in any order; RSA keys as PKCS#1 or PKCS#8, EC keys as SEC1 or PKCS#8) with Bouncy Castle; every
 * problem becomes a {@link TlsConfigException} that names the file.
 */
public final class PemBundleLoader {
    private static final Logger log = LoggerFactory.getLogger(PemBundleLoader.class);

    private static final Set<String> CERTIFICATE_TYPES = Set.of("CERTIFICATE", "X509 CERTIFICATE");
    private static final Set<String> KEY_TYPES = Set.of("PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY");
    // Blocks HAProxy accepts in a crt file that carry nothing we use (we only offer ECDHE key exchange).
    private static final Set<String> SKIPPED_TYPES = Set.of("DH PARAMETERS", "EC PARAMETERS");
    // Files HAProxy reads next to a certificate, not as certificates, when crt names a directory.
    private static final List<String> SIDE_FILE_SUFFIXES = List.of(".key", ".ocsp", ".issuer", ".sctl");

    private PemBundleLoader() {}

    /**
     * The bundles of a {@code crt} argument: one for a file; for a directory, one per file in it
     * (sorted by name, hidden files and HAProxy's .key/.ocsp/.issuer/.sctl side files skipped).
     */
    public static List<PemBundle> loadAll(Path fileOrDirectory) {
        if (!Files.isDirectory(fileOrDirectory)) {
            return List.of(load(fileOrDirectory));
        }
        List<PemBundle> bundles = new ArrayList<>();
        for (Path file : certificateFiles(fileOrDirectory)) {
            bundles.add(load(file));
        }
        if (bundles.isEmpty()) {
            throw new TlsConfigException(fileOrDirectory + ": directory holds no certificate file");
        }
        return bundles;
    }

    /** The certificate files {@link #loadAll} reads from a directory, sorted by name. */
    static List<Path> certificateFiles(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> SIDE_FILE_SUFFIXES.stream().noneMatch(s -> p.getFileName().toString().endsWith(s)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new TlsConfigException(directory + ": cannot list directory (" + e.getMessage() + ")", e);
        }
    }

    /** The bundle in one combined PEM file. */
    public static PemBundle load(Path file) {
        String text;
        try {
            // ISO-8859-1 maps every byte, so a binary file reaches the PEM reader and gets its error.
            text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new TlsConfigException(file + ": no such file", e);
        } catch (IOException e) {
            throw new TlsConfigException(file + ": cannot read (" + e + ")", e);
        }
        List<X509Certificate> certificates = new ArrayList<>();
        PrivateKey key = null;
        JcaPEMKeyConverter keyConverter = new JcaPEMKeyConverter();
        JcaX509CertificateConverter certificateConverter = new JcaX509CertificateConverter();
        int index = 0;
        for (PemObject block : blocks(file, text)) {
            index++;
            String type = block.getType();
            String where = file + ": PEM block #" + index + " (" + type + ")";
            if (SKIPPED_TYPES.contains(type)) {
                continue;
            }
            if (type.equals("ENCRYPTED PRIVATE KEY") || (type.endsWith("PRIVATE KEY") && isEncrypted(block))) {
                throw new TlsConfigException(where + ": the private key is encrypted; a passphrase-protected key"
                        + " cannot be used, store it unencrypted (e.g. openssl pkey -in key.pem -out plain.pem)");
            }
            try {
                if (CERTIFICATE_TYPES.contains(type)) {
                    certificates.add(certificateConverter.getCertificate(new X509CertificateHolder(block.getContent())));
                } else if (KEY_TYPES.contains(type)) {
                    if (key != null) {
                        throw new TlsConfigException(where + ": a second private key (expected: exactly one per file)");
                    }
                    key = privateKey(parse(block), keyConverter);
                } else if (type.endsWith("PRIVATE KEY")) {
                    throw new TlsConfigException(where + ": unsupported key type (expected: RSA or EC)");
                } else {
                    log.warn("{}: ignored (not a certificate or private key)", where);
                }
            } catch (TlsConfigException e) {
                throw e;
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                throw new TlsConfigException(where + ": cannot be decoded (" + e.getMessage() + ")", e);
            }
        }
        if (certificates.isEmpty()) {
            throw new TlsConfigException(file + ": no certificate found (expected: a PEM file with"
                    + " -----BEGIN CERTIFICATE----- and -----BEGIN PRIVATE KEY----- blocks)");
        }
        if (key == null) {
            throw new TlsConfigException(file + ": no private key found (HAProxy's crt expects the certificate"
                    + " and its private key in one file)");
        }
        List<X509Certificate> chain = orderChain(file, certificates, key);
        X509Certificate leaf = chain.get(0);
        if (leaf.getNotAfter().before(new Date())) {
            log.warn("{}: certificate {} expired on {}", file, leaf.getSubjectX500Principal(), leaf.getNotAfter());
        }
        return new PemBundle(file, chain, key, serverNames(file, leaf));
    }

    private static List<PemObject> blocks(Path file, String text) {
        List<PemObject> blocks = new ArrayList<>();
        try (PemReader reader = new PemReader(new StringReader(text))) {
            PemObject block;
            while ((block = reader.readPemObject()) != null) {
                blocks.add(block);
            }
        } catch (IOException | RuntimeException e) {
            throw new TlsConfigException(file + ": malformed PEM (" + e.getMessage() + ")", e);
        }
        return blocks;
    }

    private static boolean isEncrypted(PemObject block) {
        for (Object h : block.getHeaders()) {
            PemHeader header = (PemHeader) h;
            if (header.getName().equalsIgnoreCase("Proc-Type") && header.getValue().contains("ENCRYPTED")) {
                return true;
            }
        }
        return false;
    }

    // PEMParser knows the PKCS#1, SEC1 and PKCS#8 structures; it reads one block re-encoded alone.
    private static Object parse(PemObject block) throws IOException {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(block);
        }
        try (PEMParser parser = new PEMParser(new StringReader(out.toString()))) {
            return parser.readObject();
        }
    }

    private static PrivateKey privateKey(Object parsed, JcaPEMKeyConverter converter) throws IOException {
        PrivateKey key;
        if (parsed instanceof PEMKeyPair pair) {
            // The private part alone: SEC1 files may omit the optional public key.
            key = converter.getPrivateKey(pair.getPrivateKeyInfo());
        } else if (parsed instanceof PrivateKeyInfo info) {
            key = converter.getPrivateKey(info);
        } else {
            throw new IOException("not a private key: " + (parsed == null ? "empty" : parsed.getClass().getSimpleName()));
        }
        if (!key.getAlgorithm().equals("RSA") && !key.getAlgorithm().equals("EC")) {
            throw new IOException("unsupported key algorithm " + key.getAlgorithm() + " (expected: RSA or EC)");
        }
        return key;
    }

    // The certificate of the key first, then each issuer found in the file, then the rest as given.
    private static List<X509Certificate> orderChain(Path file, List<X509Certificate> certificates, PrivateKey key) {
        X509Certificate leaf = null;
        for (X509Certificate c : certificates) {
            if (matches(key, c)) {
                leaf = c;
                break;
            }
        }
        if (leaf == null) {
            throw new TlsConfigException(file + ": the private key does not belong to any certificate in the file"
                    + " (first certificate: " + certificates.get(0).getSubjectX500Principal() + ")");
        }
        List<X509Certificate> rest = new ArrayList<>(certificates);
        rest.remove(leaf);
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(leaf);
        X509Certificate current = leaf;
        while (!current.getIssuerX500Principal().equals(current.getSubjectX500Principal())) {
            X509Certificate issuer = null;
            for (X509Certificate c : rest) {
                if (c.getSubjectX500Principal().equals(current.getIssuerX500Principal())) {
                    issuer = c;
                    break;
                }
            }
            if (issuer == null) {
                break;
            }
            rest.remove(issuer);
            chain.add(issuer);
            current = issuer;
        }
        chain.addAll(rest);
        return chain;
    }

    // A signature made with the key verifies with the certificate's public key only if they are a pair.
    private static boolean matches(PrivateKey key, X509Certificate certificate) {
        String algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        if (!certificate.getPublicKey().getAlgorithm().equals(key.getAlgorithm())) {
            return false;
        }
        try {
            byte[] probe = "mlbj key/certificate pairing probe".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static List<String> serverNames(Path file, X509Certificate leaf) {
        Set<String> names = new LinkedHashSet<>();
        try {
            if (leaf.getSubjectAlternativeNames() != null) {
                for (List<?> san : leaf.getSubjectAlternativeNames()) {
                    // 2 = dNSName (RFC 5280 GeneralName)
                    if (((Integer) san.get(0)) == 2) {
                        names.add(((String) san.get(1)).toLowerCase(Locale.ROOT));
                    }
                }
            }
            if (names.isEmpty()) {
                for (RDN rdn : new JcaX509CertificateHolder(leaf).getSubject().getRDNs(BCStyle.CN)) {
                    names.add(IETFUtils.valueToString(rdn.getFirst().getValue()).toLowerCase(Locale.ROOT));
                }
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new TlsConfigException(file + ": cannot read the certificate's names (" + e.getMessage() + ")", e);
        }
        return List.copyOf(names);
    }
}
