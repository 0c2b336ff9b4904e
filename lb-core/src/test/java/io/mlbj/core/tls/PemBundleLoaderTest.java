package io.mlbj.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlbj.core.tls.TestPki.Issued;
import io.mlbj.core.tls.TestPki.KeyFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PemBundleLoaderTest {
    @TempDir
    Path dir;

    static Stream<Arguments> keyFormats() {
        Supplier<KeyPair> rsa = TestPki::rsa;
        Supplier<KeyPair> ec = TestPki::ec;
        return Stream.of(
                Arguments.of("RSA PKCS#1", rsa, KeyFormat.TRADITIONAL, "BEGIN RSA PRIVATE KEY", "RSA"),
                Arguments.of("RSA PKCS#8", rsa, KeyFormat.PKCS8, "BEGIN PRIVATE KEY", "RSA"),
                Arguments.of("EC SEC1", ec, KeyFormat.TRADITIONAL, "BEGIN EC PRIVATE KEY", "EC"),
                Arguments.of("EC PKCS#8", ec, KeyFormat.PKCS8, "BEGIN PRIVATE KEY", "EC"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keyFormats")
    void loadsEveryUnencryptedKeyFormat(String label, Supplier<KeyPair> keys, KeyFormat format, String marker, String algorithm) {
        Issued leaf = TestPki.selfSigned("site.test", List.of("site.test", "www.site.test"), keys.get());
        String text = TestPki.combined(leaf, format);
        assertThat(text).contains(marker);

        PemBundle bundle = PemBundleLoader.load(TestPki.write(dir, "site.pem", text));

        assertThat(bundle.key().getAlgorithm()).isEqualTo(algorithm);
        assertThat(secret(bundle.key())).isEqualTo(secret(leaf.key()));
        assertThat(bundle.chain()).containsExactly(leaf.certificate());
        assertThat(bundle.serverNames()).containsExactly("site.test", "www.site.test");
        assertThat(bundle.toString()).doesNotContain("BEGIN").contains("site.pem");
    }

    @Test
    void keyFirstAndChainInAnyOrderGiveLeafThenIssuers() {
        Issued root = TestPki.ca("Test Root");
        Issued intermediate = TestPki.issue(root, "Test Intermediate", List.of(), TestPki.rsa(), true);
        Issued leaf = TestPki.issue(intermediate, "chain.test", List.of("chain.test"), TestPki.ec(), false);
        String text = TestPki.pem(leaf.keys(), KeyFormat.PKCS8)
                + TestPki.pem(root.certificate(), intermediate.certificate(), leaf.certificate());

        PemBundle bundle = PemBundleLoader.load(TestPki.write(dir, "chain.pem", text));

        assertThat(bundle.chain()).containsExactly(leaf.certificate(), intermediate.certificate(), root.certificate());
        assertThat(bundle.certificate()).isEqualTo(leaf.certificate());
    }

    @Test
    void namesComeFromTheCommonNameWhenThereIsNoSubjectAlternativeName() {
        Issued leaf = TestPki.selfSigned("Only-CN.test", List.of(), TestPki.rsa());

        PemBundle bundle = PemBundleLoader.load(TestPki.write(dir, "cn.pem", TestPki.combined(leaf, KeyFormat.PKCS8)));

        assertThat(bundle.serverNames()).containsExactly("only-cn.test");
    }

    @Test
    void dhParametersInTheFileAreSkipped() {
        Issued leaf = TestPki.selfSigned("dh.test", List.of("dh.test"), TestPki.rsa());
        String dh = "-----BEGIN DH PARAMETERS-----\nMAYCAQACAQI=\n-----END DH PARAMETERS-----\n";

        PemBundle bundle = PemBundleLoader.load(TestPki.write(dir, "dh.pem", TestPki.combined(leaf, KeyFormat.PKCS8) + dh));

        assertThat(bundle.serverNames()).containsExactly("dh.test");
    }

    @Test
    void directoryLoadsEveryCertificateFileSortedByName() {
        Issued b = TestPki.selfSigned("b.test", List.of("b.test"), TestPki.ec());
        Issued a = TestPki.selfSigned("a.test", List.of("a.test"), TestPki.rsa());
        TestPki.write(dir, "20-b.pem", TestPki.combined(b, KeyFormat.TRADITIONAL));
        TestPki.write(dir, "10-a.pem", TestPki.combined(a, KeyFormat.PKCS8));
        TestPki.write(dir, "10-a.pem.ocsp", "not a certificate");
        TestPki.write(dir, ".hidden.pem", "not a certificate");

        List<PemBundle> bundles = PemBundleLoader.loadAll(dir);

        assertThat(bundles).extracting(PemBundle::serverNames).containsExactly(List.of("a.test"), List.of("b.test"));
    }

    @Test
    void encryptedKeysAreRefusedNamingTheFile() {
        Issued leaf = TestPki.selfSigned("enc.test", List.of("enc.test"), TestPki.rsa());
        Path pkcs8 = TestPki.write(dir, "enc8.pem", TestPki.combined(leaf, KeyFormat.PKCS8_ENCRYPTED));
        Path legacy = TestPki.write(dir, "enc1.pem", TestPki.combined(leaf, KeyFormat.TRADITIONAL_ENCRYPTED));

        assertThatThrownBy(() -> PemBundleLoader.load(pkcs8)).isInstanceOf(TlsConfigException.class)
                .hasMessageContaining(pkcs8.toString()).hasMessageContaining("encrypted");
        assertThatThrownBy(() -> PemBundleLoader.load(legacy)).isInstanceOf(TlsConfigException.class)
                .hasMessageContaining(legacy.toString()).hasMessageContaining("encrypted");
    }

    static Stream<Arguments> brokenFiles() {
        Issued leaf = TestPki.selfSigned("x.test", List.of("x.test"), TestPki.rsa());
        Issued other = TestPki.selfSigned("y.test", List.of("y.test"), TestPki.rsa());
        String good = TestPki.combined(leaf, KeyFormat.PKCS8);
        String cert = TestPki.pem(leaf.certificate());
        byte[] der = encoded(leaf);
        String halfCertificate = "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(java.util.Arrays.copyOf(der, der.length / 2))
                + "\n-----END CERTIFICATE-----\n";
        return Stream.of(
                Arguments.of("garbage", "this is not PEM at all\n", "no certificate found"),
                Arguments.of("binary", "\u0000\u00ff\u00fe garbage", "no certificate found"),
                Arguments.of("empty", "", "no certificate found"),
                Arguments.of("truncated", good.substring(0, good.length() / 2), "malformed PEM"),
                Arguments.of("corrupt certificate", halfCertificate + TestPki.pem(leaf.keys(), KeyFormat.PKCS8), "cannot be decoded"),
                Arguments.of("no key", cert, "no private key found"),
                Arguments.of("key only", TestPki.pem(leaf.keys(), KeyFormat.PKCS8), "no certificate found"),
                Arguments.of("foreign key", cert + TestPki.pem(other.keys(), KeyFormat.PKCS8), "does not belong"),
                Arguments.of("two keys", good + TestPki.pem(other.keys(), KeyFormat.PKCS8), "second private key"));
    }

    private static java.math.BigInteger secret(java.security.PrivateKey key) {
        return key instanceof java.security.interfaces.RSAPrivateKey rsa
                ? rsa.getPrivateExponent()
                : ((java.security.interfaces.ECPrivateKey) key).getS();
    }

    private static byte[] encoded(Issued issued) {
        try {
            return issued.certificate().getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void brokenFilesFailWithTheFileNameAndTheProblem(String label, String text, String problem) throws Exception {
        Path file = dir.resolve("broken.pem");
        Files.write(file, text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> PemBundleLoader.load(file)).isInstanceOf(TlsConfigException.class)
                .hasMessageStartingWith(file.toString()).hasMessageContaining(problem);
    }

    @Test
    void missingFileAndEmptyDirectoryAreClearErrors() throws Exception {
        Path missing = dir.resolve("missing.pem");
        Path empty = Files.createDirectory(dir.resolve("empty"));

        assertThatThrownBy(() -> PemBundleLoader.loadAll(missing)).isInstanceOf(TlsConfigException.class)
                .hasMessage(missing + ": no such file");
        assertThatThrownBy(() -> PemBundleLoader.loadAll(empty)).isInstanceOf(TlsConfigException.class)
                .hasMessageContaining(empty.toString()).hasMessageContaining("no certificate file");
    }
}
