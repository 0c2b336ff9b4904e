package io.mlbj.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mlbj.core.routing.FrontendTls;
import io.mlbj.core.tls.TestPki.Issued;
import io.mlbj.core.tls.TestPki.KeyFormat;
import io.mlbj.core.tls.TlsTestClient.Connection;
import io.netty.handler.ssl.SslContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Certificates replaced on disk while connections stay open. */
class CertificateReloaderTest {
    @TempDir
    Path dir;

    static TlsTestClient client;

    @BeforeAll
    static void start() {
        client = new TlsTestClient();
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void renewedCertificateIsUsedByNewHandshakesWhileOpenConnectionsContinue(TlsProvider provider) throws Exception {
        assumeTrue(provider.isAvailable(), "provider not available");
        Issued first = TestPki.selfSigned("site.test", List.of("site.test"), TestPki.ec());
        Issued renewed = TestPki.selfSigned("site.test", List.of("site.test"), TestPki.ec());
        Path file = TestPki.write(dir, "site.pem", TestPki.combined(first, KeyFormat.PKCS8));
        CertificateReloader reloader = new CertificateReloader(tls(file), provider);
        SslContext trustAll = TlsTestClient.trustAll(TlsProvider.JDK);

        try (TlsTestServer server = new TlsTestServer(ch -> reloader.newHandler());
                Connection open = client.connect(server.port(), trustAll, "site.test")) {
            assertThat(open.peerCertificate()).isEqualTo(first.certificate());
            assertThat(reloader.reloadIfChanged()).as("nothing changed").isFalse();

            replace(file, TestPki.combined(renewed, KeyFormat.TRADITIONAL));
            assertThat(reloader.reloadIfChanged()).isTrue();

            try (Connection fresh = client.connect(server.port(), trustAll, "site.test")) {
                assertThat(fresh.peerCertificate()).isEqualTo(renewed.certificate());
                assertThat(fresh.exchange("new")).startsWith("sni=site.test tls=true");
            }
            assertThat(open.exchange("still here")).endsWith("echo=still here");
            assertThat(open.peerCertificate()).isEqualTo(first.certificate());
        }
    }

    @Test
    void brokenReplacementKeepsThePreviousCertificateUntilFixed() throws Exception {
        Issued first = TestPki.selfSigned("site.test", List.of("site.test"), TestPki.ec());
        Issued fixed = TestPki.selfSigned("site.test", List.of("site.test"), TestPki.ec());
        Path file = TestPki.write(dir, "site.pem", TestPki.combined(first, KeyFormat.PKCS8));
        CertificateReloader reloader = new CertificateReloader(tls(file), TlsProvider.JDK);
        FrontendTlsContexts before = reloader.current();

        String good = TestPki.combined(fixed, KeyFormat.PKCS8);
        replace(file, good.substring(0, good.length() / 2));
        assertThat(reloader.reloadIfChanged()).isFalse();
        assertThat(reloader.current()).isSameAs(before);
        assertThat(reloader.map("site.test")).isSameAs(before.map("site.test"));

        replace(file, good);
        assertThat(reloader.reloadIfChanged()).isTrue();
        assertThat(reloader.current().bundles().get(0).certificate()).isEqualTo(fixed.certificate());
    }

    @Test
    void certificateDirectoryPicksUpAddedFiles() throws Exception {
        Path certs = Files.createDirectory(dir.resolve("certs"));
        Issued a = TestPki.selfSigned("a.test", List.of("a.test"), TestPki.ec());
        Issued b = TestPki.selfSigned("b.test", List.of("b.test"), TestPki.ec());
        TestPki.write(certs, "a.pem", TestPki.combined(a, KeyFormat.PKCS8));
        CertificateReloader reloader = new CertificateReloader(tls(certs), TlsProvider.JDK);
        assertThat(reloader.current().bundles()).hasSize(1);

        TestPki.write(certs, "b.pem", TestPki.combined(b, KeyFormat.PKCS8));

        assertThat(reloader.reloadIfChanged()).isTrue();
        assertThat(reloader.current().bundles()).extracting(PemBundle::serverNames)
                .containsExactly(List.of("a.test"), List.of("b.test"));
    }

    @Test
    void registryReusesEqualSettingsAndItsPeriodicCheckSwapsTheCertificate() throws Exception {
        Issued first = TestPki.selfSigned("site.test", List.of("site.test"), TestPki.ec());
        Issued renewed = TestPki.selfSigned("site.test", List.of("site.test"), TestPki.ec());
        Path file = TestPki.write(dir, "site.pem", TestPki.combined(first, KeyFormat.PKCS8));
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (FrontendTlsRegistry registry = new FrontendTlsRegistry(TlsProvider.JDK)) {
            CertificateReloader reloader = registry.prepare(tls(file));
            assertThat(registry.prepare(tls(file))).isSameAs(reloader);
            registry.watch(scheduler, Duration.ofMillis(50));

            // A rename over the file, as certificate renewal tools do.
            Path next = TestPki.write(dir, "site.pem.new", TestPki.combined(renewed, KeyFormat.PKCS8));
            Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);

            Instant deadline = Instant.now().plusSeconds(TlsTestClient.TIMEOUT_SECONDS);
            while (!reloader.current().bundles().get(0).certificate().equals(renewed.certificate())
                    && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }
            assertThat(reloader.current().bundles().get(0).certificate()).isEqualTo(renewed.certificate());

            registry.retainOnly(List.of());
            assertThat(registry.prepare(tls(file))).isNotSameAs(reloader);
        } finally {
            scheduler.shutdownNow();
        }
    }

    private static FrontendTls tls(Path crt) {
        return new FrontendTls(List.of(crt.toString()), List.of(), null, List.of());
    }

    // Rewrites in place and moves the modification time on, so a coarse file-system clock still shows it.
    private static void replace(Path file, String text) throws Exception {
        FileTime before = Files.getLastModifiedTime(file);
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(before.toInstant().plusSeconds(2)));
    }
}
