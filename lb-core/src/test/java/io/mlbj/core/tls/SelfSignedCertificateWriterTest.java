package io.mlbj.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlbj.core.routing.FrontendTls;
import io.mlbj.core.tls.TlsTestClient.Connection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfSignedCertificateWriterTest {
    @TempDir
    Path dir;

    @Test
    void writesAnRsa2048CombinedPemOnlyWhenAbsentThatTheLoaderAndATlsServerUse() throws Exception {
        Path target = dir.resolve("ssl/cert.pem");

        assertThat(SelfSignedCertificateWriter.writeIfAbsent(target, "lb.example")).isTrue();
        String written = Files.readString(target);
        assertThat(SelfSignedCertificateWriter.writeIfAbsent(target, "other.example")).isFalse();
        assertThat(Files.readString(target)).isEqualTo(written);

        assertThat(written).contains("BEGIN CERTIFICATE", "BEGIN PRIVATE KEY");
        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        PemBundle bundle = PemBundleLoader.load(target);
        assertThat(bundle.serverNames()).containsExactly("lb.example");
        assertThat(bundle.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=lb.example");
        assertThat(((RSAPublicKey) bundle.certificate().getPublicKey()).getModulus().bitLength()).isEqualTo(2048);

        FrontendTlsContexts contexts = FrontendTlsContexts.build(
                new FrontendTls(List.of(target.toString()), List.of(), null, List.of()), TlsProvider.JDK);
        try (TlsTestClient client = new TlsTestClient();
                TlsTestServer server = new TlsTestServer(ch -> contexts.newHandler());
                Connection c = client.connect(server.port(), TlsTestClient.trustAll(TlsProvider.JDK), null)) {
            assertThat(c.peerCertificate()).isEqualTo(bundle.certificate());
        }
    }

    @Test
    void ecCertificatesMarathonLbsStarNameAndAClearErrorForABlankName() throws Exception {
        PemBundle ec = SelfSignedCertificateWriter.generate("bench.test", SelfSignedCertificateWriter.KeyType.EC_P256);
        PemBundle star = SelfSignedCertificateWriter.generate("*", SelfSignedCertificateWriter.KeyType.EC_P256);

        assertThat(ec.key().getAlgorithm()).isEqualTo("EC");
        assertThat(ec.certificate().getSubjectAlternativeNames()).hasSize(1);
        assertThat(star.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=*");
        assertThat(star.certificate().getSubjectAlternativeNames()).isNull();
        assertThat(SelfSignedCertificateWriter.defaultCommonName()).isNotBlank();
        assertThatThrownBy(() -> SelfSignedCertificateWriter.generate(" ", SelfSignedCertificateWriter.KeyType.EC_P256))
                .isInstanceOf(TlsConfigException.class).hasMessageContaining("blank");
    }
}
