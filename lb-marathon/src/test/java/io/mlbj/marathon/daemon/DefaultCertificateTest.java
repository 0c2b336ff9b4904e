package io.mlbj.marathon.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.tls.PemBundleLoader;
import io.mlbj.marathon.render.RenderOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default certificate is generated where it is missing, or in a fallback directory the options then name. */
class DefaultCertificateTest {
    private static final RenderOptions DEFAULTS = RenderOptions.builder(List.of("*")).build();

    @Test
    void aMissingDefaultCertificateIsGeneratedInPlace(@TempDir Path dir) {
        Path cert = dir.resolve("ssl/cert.pem");
        RenderOptions after = DefaultCertificate.ensure(DEFAULTS, cert, dir.resolve("fallback"));
        assertThat(after).isSameAs(DEFAULTS);
        assertThat(PemBundleLoader.load(cert).certificate()).isNotNull();
    }

    @Test
    void anUnwritableDefaultFallsBackAndTheOptionsNameTheFallback(@TempDir Path dir) throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        RenderOptions after = DefaultCertificate.ensure(DEFAULTS, notADirectory.resolve("cert.pem"), dir.resolve("fb"));
        assertThat(after.sslCertList()).containsExactly(dir.resolve("fb/cert.pem").toString());
        assertThat(PemBundleLoader.load(dir.resolve("fb/cert.pem")).certificate()).isNotNull();
        assertThat(after.groups()).isEqualTo(DEFAULTS.groups());
        assertThat(after.httpsPort()).isEqualTo(DEFAULTS.httpsPort());
    }

    @Test
    void givenCertificatesOrNoHttpsFrontendNeedNothing(@TempDir Path dir) {
        RenderOptions given = RenderOptions.builder(List.of("*")).sslCerts("/a.pem").build();
        RenderOptions noHttps = RenderOptions.builder(List.of("*")).bindHttpHttps(false).build();
        assertThat(DefaultCertificate.ensure(given, dir.resolve("c.pem"), dir)).isSameAs(given);
        assertThat(DefaultCertificate.ensure(noHttps, dir.resolve("c.pem"), dir)).isSameAs(noHttps);
        assertThat(dir.resolve("c.pem")).doesNotExist();
    }
}
