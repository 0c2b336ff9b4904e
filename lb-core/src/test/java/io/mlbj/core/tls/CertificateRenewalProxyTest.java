package io.mlbj.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mlbj.core.demo.EchoBackend;
import io.mlbj.core.proxy.RawHttp;
import io.mlbj.core.routing.RoutingSnapshot;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Certificates changing under a running proxy: a renewed file is served to new connections while open
 * ones keep working, a broken renewal keeps the certificate in force, and a config naming an unusable
 * file is rejected by {@link TlsSupport#prepare} before the swap.
 */
class CertificateRenewalProxyTest {
    private static final long WAIT_MILLIS = 20_000;

    @TempDir
    Path dir;

    private EchoBackend echo;
    private TlsProxy proxy;
    private Path pem;

    @BeforeEach
    void start() {
        echo = EchoBackend.start("app");
        pem = dir.resolve("site.pem");
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        echo.close();
    }

    private static String combined(String cn) {
        TestPki.Issued leaf = TestPki.selfSigned(cn, List.of("site.example.com"), TestPki.ec());
        return TestPki.combined(leaf, TestPki.KeyFormat.TRADITIONAL);
    }

    /** Replaces the file as renewal tools do: write a new file next to it, rename it over the old one. */
    private void renew(String text) throws IOException {
        Path tmp = Files.writeString(dir.resolve("site.pem.tmp"), text, StandardCharsets.US_ASCII);
        Files.move(tmp, pem, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private String config(String extraFrontend) {
        return TlsProxy.HEAD + """
                frontend site_443
                  bind 127.0.0.1:0 ssl crt %s
                  mode http
                  use_backend app_10000
                %s
                backend app_10000
                  mode http
                  server s1 127.0.0.1:%d
                """.formatted(pem, extraFrontend, echo.port());
    }

    private void startProxy(TlsProvider provider) throws Exception {
        assumeTrue(provider.isAvailable(), "provider not available");
        Files.writeString(pem, combined("version 1"), StandardCharsets.US_ASCII);
        proxy = TlsProxy.start(provider, config(""));
    }

    /** A new connection's certificate CN after one request on it. */
    private String newConnectionCn() throws Exception {
        try (RawHttp c = JdkTlsClients.http(JdkTlsClients.trustingAnything(), proxy.address("site_443"), "site.example.com")) {
            assertThat(request(c, "/new")).isEqualTo(200);
            return JdkTlsClients.cn(JdkTlsClients.peer(c));
        }
    }

    private static int request(RawHttp c, String path) throws IOException {
        return c.send("GET " + path + " HTTP/1.1\r\nHost: site.example.com\r\n\r\n").read(false).status();
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void renewedFileIsServedToNewConnectionsWhileOpenOnesKeepWorking(TlsProvider provider) throws Exception {
        startProxy(provider);
        proxy.tls.watchFiles(Duration.ofMillis(100));
        try (RawHttp open = JdkTlsClients.http(JdkTlsClients.trustingAnything(), proxy.address("site_443"), "site.example.com")) {
            assertThat(request(open, "/before")).isEqualTo(200);
            assertThat(JdkTlsClients.cn(JdkTlsClients.peer(open))).isEqualTo("version 1");

            renew(combined("version 2"));
            String seen = newConnectionCn();
            long deadline = System.currentTimeMillis() + WAIT_MILLIS;
            while (!seen.equals("version 2") && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
                seen = newConnectionCn();
            }
            assertThat(seen).as("certificate of a new connection after the renewal").isEqualTo("version 2");

            // The connection opened before the renewal was not dropped and still has its handshake.
            assertThat(request(open, "/after")).isEqualTo(200);
            assertThat(JdkTlsClients.cn(JdkTlsClients.peer(open))).isEqualTo("version 1");

            // A broken renewal: the certificate in force stays, nothing is dropped.
            renew("-----BEGIN CERTIFICATE-----\nnot base64 at all\n");
            assertThat(proxy.tls.reloadChangedFiles()).isZero();
            assertThat(newConnectionCn()).isEqualTo("version 2");
            assertThat(request(open, "/still")).isEqualTo(200);

            // Fixed again: picked up.
            renew(combined("version 3"));
            proxy.tls.reloadChangedFiles();
            assertThat(newConnectionCn()).isEqualTo("version 3");
        }
    }

    @Test
    void reappliedConfigPicksUpARenewedFileAtOnce() throws Exception {
        startProxy(TlsProvider.JDK);
        assertThat(newConnectionCn()).isEqualTo("version 1");
        renew(combined("version 2"));
        // No file watch running: preparing the same config again looks at the files.
        proxy.apply(config(""));
        assertThat(newConnectionCn()).isEqualTo("version 2");
    }

    @Test
    void configNamingABrokenCertificateIsRejectedBeforeTheSwap() throws Exception {
        startProxy(TlsProvider.JDK);
        Path broken = TestPki.write(dir, "broken.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n");
        RoutingSnapshot before = proxy.table.current();
        String next = config("""
                frontend other_8443
                  bind 127.0.0.2:0 ssl crt %s
                  mode http
                  use_backend app_10000
                """.formatted(broken));

        assertThatThrownBy(() -> proxy.apply(next))
                .isInstanceOf(TlsConfigException.class)
                .hasMessageStartingWith("frontend other_8443: " + broken);
        assertThat(proxy.table.current()).isSameAs(before);
        assertThat(newConnectionCn()).isEqualTo("version 1");

        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> proxy.apply(config("""
                frontend other_8443
                  bind 127.0.0.2:0 ssl crt %s
                  mode http
                  use_backend app_10000
                """.formatted(missing))))
                .isInstanceOf(TlsConfigException.class)
                .hasMessageContaining("frontend other_8443: ")
                .hasMessageContaining(missing.toString());
        assertThat(proxy.table.current()).isSameAs(before);
    }

    @Test
    void configNamingAMissingCaFileIsRejectedBeforeTheSwap() throws Exception {
        startProxy(TlsProvider.JDK);
        RoutingSnapshot before = proxy.table.current();
        Path missing = dir.resolve("no-ca.pem");
        String next = TlsProxy.HEAD + """
                frontend site_443
                  bind 127.0.0.1:0 ssl crt %s
                  mode http
                  use_backend secure

                backend secure
                  mode http
                  server s9 127.0.0.1:%d ssl verify required ca-file %s
                """.formatted(pem, echo.port(), missing);

        assertThatThrownBy(() -> proxy.apply(next))
                .isInstanceOf(TlsConfigException.class)
                .hasMessageStartingWith("backend secure server s9: " + missing);
        assertThat(proxy.table.current()).isSameAs(before);
        assertThat(newConnectionCn()).isEqualTo("version 1");
    }

    @Test
    void serverSniExpressionIsRejectedBeforeTheSwap() throws Exception {
        startProxy(TlsProvider.JDK);
        RoutingSnapshot before = proxy.table.current();
        String next = TlsProxy.HEAD + """
                frontend site_443
                  bind 127.0.0.1:0 ssl crt %s
                  mode http
                  use_backend secure

                backend secure
                  mode http
                  server s9 127.0.0.1:%d ssl verify none sni req.hdr(host)
                """.formatted(pem, echo.port());

        assertThatThrownBy(() -> proxy.apply(next))
                .isInstanceOf(TlsConfigException.class)
                .hasMessageStartingWith("backend secure server s9: server ssl sni 'req.hdr(host)': not a host name");
        assertThat(proxy.table.current()).isSameAs(before);
    }

    @Test
    void aFrontendAddedByASwapServesItsCertificate() throws Exception {
        startProxy(TlsProvider.JDK);
        Path second = TestPki.write(dir, "second.pem", combined("second site"));
        proxy.apply(config("""
                frontend other_8443
                  bind 127.0.0.2:0 ssl crt %s
                  mode http
                  use_backend app_10000
                """.formatted(second)));
        InetSocketAddress other = proxy.address("other_8443");
        try (RawHttp c = JdkTlsClients.http(JdkTlsClients.trustingAnything(), other, null)) {
            assertThat(request(c, "/second")).isEqualTo(200);
            assertThat(JdkTlsClients.cn(JdkTlsClients.peer(c))).isEqualTo("second site");
        }
        assertThat(newConnectionCn()).isEqualTo("version 1");
    }

    @Test
    void aFrontendRemovedBySwapIsForgotten() throws Exception {
        startProxy(TlsProvider.JDK);
        Path second = TestPki.write(dir, "second.pem", combined("second site"));
        String withSecond = config("""
                frontend other_8443
                  bind 127.0.0.2:0 ssl crt %s
                  mode http
                  use_backend app_10000
                """.formatted(second));
        proxy.apply(withSecond);
        proxy.apply(config(""));
        Files.writeString(second, "garbage", StandardCharsets.US_ASCII);
        // Still loaded, a broken file would only be logged (the certificate in force kept); forgotten
        // after the swap, it is read again and the config naming it is rejected.
        assertThatThrownBy(() -> proxy.apply(withSecond))
                .isInstanceOf(TlsConfigException.class)
                .hasMessageStartingWith("frontend other_8443: " + second);
        assertThat(newConnectionCn()).isEqualTo("version 1");
    }

    @Test
    void unknownProviderNameIsAClearError() {
        assertThatThrownBy(() -> TlsSupport.forProviderName("gnutls"))
                .isInstanceOf(TlsConfigException.class)
                .hasMessageContaining("'gnutls'");
    }
}
