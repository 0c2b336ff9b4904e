package io.mlbj.core.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/** Test certificates made with Bouncy Castle: CAs, intermediates, leaves, and PEM in every key format. */
final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    /** A certificate and its key pair. */
    record Issued(X509Certificate certificate, KeyPair keys) {
        PrivateKey key() {
            return keys.getPrivate();
        }
    }

    /** How a private key is written. */
    enum KeyFormat {
        /** RSA PRIVATE KEY or EC PRIVATE KEY (PKCS#1 / SEC1). */
        TRADITIONAL,
        /** PRIVATE KEY (PKCS#8). */
        PKCS8,
        /** ENCRYPTED PRIVATE KEY (PKCS#8, AES-256-CBC). */
        PKCS8_ENCRYPTED,
        /** RSA PRIVATE KEY with Proc-Type: 4,ENCRYPTED (OpenSSL legacy). */
        TRADITIONAL_ENCRYPTED
    }

    private TestPki() {}

    // RSA 2048 generation takes 50-500 ms on a busy machine: a few keys are made once and handed out
    // in turn, so consecutive calls still give distinct keys.
    private static final KeyPair[] RSA_KEYS = new KeyPair[8];
    private static int nextRsa;

    /** An RSA 2048 key pair, distinct from the previous seven handed out. */
    static synchronized KeyPair rsa() {
        int i = nextRsa++ % RSA_KEYS.length;
        if (RSA_KEYS[i] == null) {
            try {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                RSA_KEYS[i] = g.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return RSA_KEYS[i];
    }

    static KeyPair ec() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed CA. */
    static Issued ca(String commonName) {
        KeyPair keys = rsa();
        return new Issued(sign(commonName, List.of(), keys, null, true), keys);
    }

    /** A certificate for {@code keys} issued by {@code issuer}, CA or leaf. */
    static Issued issue(Issued issuer, String commonName, List<String> dnsNames, KeyPair keys, boolean ca) {
        return new Issued(sign(commonName, dnsNames, keys, issuer, ca), keys);
    }

    /** A self-signed leaf. */
    static Issued selfSigned(String commonName, List<String> dnsNames, KeyPair keys) {
        return new Issued(sign(commonName, dnsNames, keys, null, false), keys);
    }

    private static X509Certificate sign(String cn, List<String> dnsNames, KeyPair keys, Issued issuer, boolean ca) {
        try {
            X500Name subject = new X500Name("CN=" + cn);
            X500Name issuerName = issuer == null ? subject : new X500Name(issuer.certificate().getSubjectX500Principal().getName());
            PrivateKey signingKey = issuer == null ? keys.getPrivate() : issuer.key();
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName,
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(30))), subject, keys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (ca) {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            }
            if (!dnsNames.isEmpty()) {
                GeneralName[] names = dnsNames.stream().map(n -> new GeneralName(GeneralName.dNSName, n)).toArray(GeneralName[]::new);
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            }
            String alg = signingKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder(alg).build(signingKey)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** PEM text of certificates. */
    static String pem(X509Certificate... certificates) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            for (X509Certificate c : certificates) {
                w.writeObject(c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** PEM text of a private key in {@code format}. */
    static String pem(KeyPair keys, KeyFormat format) {
        PrivateKey key = keys.getPrivate();
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            switch (format) {
                case TRADITIONAL -> w.writeObject(key.getAlgorithm().equals("EC") ? sec1(keys) : new JcaMiscPEMGenerator(key));
                case PKCS8 -> w.writeObject(new JcaPKCS8Generator(key, null));
                case PKCS8_ENCRYPTED -> w.writeObject(new JcaPKCS8Generator(key,
                        new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                                .setProvider(new BouncyCastleProvider()).setPassword("secret".toCharArray()).build()));
                case TRADITIONAL_ENCRYPTED -> w.writeObject(new JcaMiscPEMGenerator(key,
                        new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(new BouncyCastleProvider()).build("secret".toCharArray())));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    // SEC1 as openssl writes it: curve parameters and public key included (both optional in the format).
    private static PemObject sec1(KeyPair keys) throws IOException {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded());
        ASN1Encodable curve = info.getPrivateKeyAlgorithm().getParameters();
        byte[] publicBits = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()).getPublicKeyData().getBytes();
        ECPrivateKey sec1 = new ECPrivateKey(256, ((java.security.interfaces.ECPrivateKey) keys.getPrivate()).getS(),
                new DERBitString(publicBits), curve);
        return new PemObject("EC PRIVATE KEY", sec1.getEncoded());
    }

    /** The combined PEM of a leaf (key in {@code format}) followed by {@code chain}. */
    static String combined(Issued leaf, KeyFormat format, X509Certificate... chain) {
        StringBuilder s = new StringBuilder(pem(leaf.certificate()));
        s.append(pem(chain));
        s.append(pem(leaf.keys(), format));
        return s.toString();
    }

    /** Writes text to {@code dir/name}. */
    static Path write(Path dir, String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
