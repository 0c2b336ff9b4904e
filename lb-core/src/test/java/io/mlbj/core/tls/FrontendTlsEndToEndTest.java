package io.mlbj.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mlbj.core.routing.FrontendTls;
import io.mlbj.core.tls.TestPki.Issued;
import io.mlbj.core.tls.TestPki.KeyFormat;
import io.mlbj.core.tls.TlsTestClient.Connection;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Server-side TLS over real sockets: SNI choice, default certificate, protocols and ALPN, per provider. */
class FrontendTlsEndToEndTest {
    @TempDir
    static Path dir;

    static Issued a;
    static Issued intermediate;
    static Issued b;
    static Issued wild;
    static FrontendTls tls;
    static TlsTestClient client;

    @BeforeAll
    static void certificates() {
        Issued root = TestPki.ca("E2E Root");
        intermediate = TestPki.issue(root, "E2E Intermediate", List.of(), TestPki.rsa(), true);
        a = TestPki.issue(intermediate, "a.test", List.of("a.test"), TestPki.rsa(), false);
        b = TestPki.selfSigned("b.test", List.of("b.test"), TestPki.ec());
        wild = TestPki.selfSigned("*.wild.test", List.of("*.wild.test"), TestPki.rsa());
        Path pa = TestPki.write(dir, "a.pem", TestPki.combined(a, KeyFormat.TRADITIONAL, intermediate.certificate()));
        Path pb = TestPki.write(dir, "b.pem", TestPki.pem(b.keys(), KeyFormat.TRADITIONAL) + TestPki.pem(b.certificate()));
        Path pw = TestPki.write(dir, "wild.pem", TestPki.combined(wild, KeyFormat.PKCS8));
        tls = new FrontendTls(List.of(pa.toString(), pb.toString(), pw.toString()), List.of(),
                TlsPolicyTest.MARATHON_LB_CIPHERS, List.of("no-sslv3 no-tlsv10 no-tls-tickets"));
        client = new TlsTestClient();
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void sniChoosesTheCertificateExactThenWildcard(TlsProvider provider) throws Exception {
        assumeTrue(provider.isAvailable(), "provider not available");
        FrontendTlsContexts contexts = FrontendTlsContexts.build(tls, provider);
        SslContext trustAll = TlsTestClient.trustAll(TlsProvider.JDK);
        try (TlsTestServer server = new TlsTestServer(ch -> contexts.newHandler())) {
            try (Connection c = client.connect(server.port(), trustAll, "a.test")) {
                assertThat(c.handshakeSucceeded()).as("handshake: %s", c.handshakeFailure()).isTrue();
                assertThat(c.peerCertificate()).isEqualTo(a.certificate());
                assertThat(c.ssl().engine().getSession().getPeerCertificates()).hasSize(2);
                assertThat(c.exchange("hi")).isEqualTo("sni=a.test tls=true handler=SslHandler protocol=TLSv1.3 echo=hi");
            }
            try (Connection c = client.connect(server.port(), trustAll, "b.test")) {
                assertThat(c.peerCertificate()).isEqualTo(b.certificate());
                assertThat(c.exchange("hi")).startsWith("sni=b.test ");
            }
            try (Connection c = client.connect(server.port(), trustAll, "x.wild.test")) {
                assertThat(c.peerCertificate()).isEqualTo(wild.certificate());
                assertThat(c.exchange("hi")).startsWith("sni=x.wild.test ");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void noOrUnknownSniGetsTheFirstCertificate(TlsProvider provider) throws Exception {
        assumeTrue(provider.isAvailable(), "provider not available");
        FrontendTlsContexts contexts = FrontendTlsContexts.build(tls, provider);
        SslContext trustAll = TlsTestClient.trustAll(TlsProvider.JDK);
        try (TlsTestServer server = new TlsTestServer(ch -> contexts.newHandler())) {
            try (Connection c = client.connect(server.port(), trustAll, null)) {
                assertThat(c.peerCertificate()).isEqualTo(a.certificate());
                assertThat(c.exchange("hi")).startsWith("sni=- tls=true handler=SslHandler ");
            }
            try (Connection c = client.connect(server.port(), trustAll, "unknown.test")) {
                assertThat(c.peerCertificate()).isEqualTo(a.certificate());
                assertThat(c.exchange("hi")).startsWith("sni=unknown.test ");
            }
            // A wildcard covers exactly one label.
            try (Connection c = client.connect(server.port(), trustAll, "deep.x.wild.test")) {
                assertThat(c.peerCertificate()).isEqualTo(a.certificate());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void alpnHttp11AndTls12WhenTls13IsOff(TlsProvider provider) throws Exception {
        assumeTrue(provider.isAvailable(), "provider not available");
        FrontendTls tls12 = new FrontendTls(tls.certificates(), List.of("h2", "http/1.1"), tls.ciphers(),
                List.of("no-sslv3", "no-tlsv10", "no-tlsv13", "no-tls-tickets"));
        FrontendTlsContexts contexts = FrontendTlsContexts.build(tls12, provider);
        try (TlsTestServer server = new TlsTestServer(ch -> contexts.newHandler());
                Connection c = client.connect(server.port(), TlsTestClient.trustAll(TlsProvider.JDK), "b.test")) {
            assertThat(c.handshakeSucceeded()).as("handshake: %s", c.handshakeFailure()).isTrue();
            assertThat(c.protocol()).isEqualTo("TLSv1.2");
            assertThat(c.alpn()).isEqualTo("http/1.1");
            assertThat(c.ssl().engine().getSession().getCipherSuite()).startsWith("TLS_ECDHE_ECDSA_WITH_");
            assertThat(c.exchange("hi")).contains("protocol=TLSv1.2");
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void tls10And11AreRefused(TlsProvider provider) throws Exception {
        assumeTrue(provider.isAvailable(), "provider not available");
        // The JDK client has TLS 1.0/1.1 disabled by its security properties; BoringSSL still speaks them.
        assumeTrue(TlsProvider.OPENSSL.isAvailable(), "an OpenSSL client is needed to offer TLS 1.0/1.1");
        FrontendTlsContexts contexts = FrontendTlsContexts.build(tls, provider);
        try (TlsTestServer server = new TlsTestServer(ch -> contexts.newHandler())) {
            for (String old : List.of("TLSv1", "TLSv1.1")) {
                try (Connection c = client.connect(server.port(), TlsTestClient.trustAll(TlsProvider.OPENSSL, old), "a.test")) {
                    assertThat(c.handshakeSucceeded()).as(old).isFalse();
                }
            }
            try (Connection c = client.connect(server.port(), TlsTestClient.trustAll(TlsProvider.OPENSSL), "a.test")) {
                assertThat(c.handshakeSucceeded()).as("modern OpenSSL client: %s", c.handshakeFailure()).isTrue();
                assertThat(c.exchange("hi")).contains("protocol=TLSv1.3");
            }
        }
    }

    @Test
    void keyExchangeGroupsAreHaproxysNotThePostQuantumHybrid() throws Exception {
        assumeTrue(TlsProvider.OPENSSL.isAvailable(), "provider not available");
        FrontendTlsContexts contexts = FrontendTlsContexts.build(tls, TlsProvider.OPENSSL);
        try (TlsTestServer server = new TlsTestServer(ch -> contexts.newHandler())) {
            // Netty's BoringSSL client offers X25519MLKEM768 first; HAProxy on OpenSSL 3.0 answers X25519.
            try (Connection c = client.connect(server.port(), clientOffering("X25519MLKEM768"), "a.test")) {
                assertThat(c.handshakeSucceeded()).as("a client offering only X25519MLKEM768").isFalse();
            }
            for (String group : FrontendTlsContexts.KEY_EXCHANGE_GROUPS) {
                try (Connection c = client.connect(server.port(), clientOffering(group), "a.test")) {
                    assertThat(c.handshakeSucceeded()).as("%s: %s", group, c.handshakeFailure()).isTrue();
                    assertThat(c.exchange("hi")).contains("protocol=TLSv1.3");
                }
            }
        }
    }

    private static SslContext clientOffering(String group) throws Exception {
        return SslContextBuilder.forClient()
                .sslProvider(TlsProvider.OPENSSL.netty())
                .trustManager(InsecureTrustManagerFactory.INSTANCE)
                .endpointIdentificationAlgorithm(null)
                .option(OpenSslContextOption.GROUPS, new String[] {group})
                .build();
    }
}
