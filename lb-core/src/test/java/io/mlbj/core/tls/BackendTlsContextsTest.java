package io.mlbj.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mlbj.core.routing.FrontendTls;
import io.mlbj.core.routing.ServerTls;
import io.mlbj.core.tls.TestPki.Issued;
import io.mlbj.core.tls.TestPki.KeyFormat;
import io.mlbj.core.tls.TlsTestClient.Connection;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** TLS from the proxy to a server ({@code server ... ssl verify ...}) over real sockets, per provider. */
class BackendTlsContextsTest {
    @TempDir
    static Path dir;

    static Issued leaf;
    static String goodCa;
    static String badCa;
    static TlsTestServer server;
    static TlsTestClient client;

    @BeforeAll
    static void start() throws Exception {
        Issued root = TestPki.ca("Backend Root");
        Issued intermediate = TestPki.issue(root, "Backend Intermediate", List.of(), TestPki.ec(), true);
        leaf = TestPki.issue(intermediate, "backend.test", List.of("backend.test"), TestPki.ec(), false);
        Path pem = TestPki.write(dir, "backend.pem", TestPki.combined(leaf, KeyFormat.PKCS8, intermediate.certificate()));
        goodCa = TestPki.write(dir, "good-ca.pem", TestPki.pem(root.certificate())).toString();
        badCa = TestPki.write(dir, "bad-ca.pem", TestPki.pem(TestPki.ca("Other Root").certificate())).toString();
        // The backend is a TLS server built from this package too, so it reports the SNI it received.
        FrontendTlsContexts contexts = FrontendTlsContexts.build(
                new FrontendTls(List.of(pem.toString()), List.of(), null, List.of()), TlsProvider.JDK);
        server = new TlsTestServer(ch -> contexts.newHandler());
        client = new TlsTestClient();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    private static Connection connect(BackendTlsContexts backends, ServerTls tls) throws Exception {
        return client.connect(server.port(), alloc -> backends.newHandler(tls, alloc, "127.0.0.1", server.port()));
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void verifyNoneAcceptsAnyCertificateAndSendsNoSni(TlsProvider provider) throws Exception {
        assumeTrue(provider.isAvailable(), "provider not available");
        BackendTlsContexts backends = new BackendTlsContexts(provider);
        try (Connection c = connect(backends, new ServerTls(false, null, null))) {
            assertThat(c.handshakeSucceeded()).as("handshake: %s", c.handshakeFailure()).isTrue();
            assertThat(c.peerCertificate()).isEqualTo(leaf.certificate());
            assertThat(c.exchange("x")).startsWith("sni=- tls=true");
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void verifyRequiredWithTheIssuingCaSucceedsAndSendsSni(TlsProvider provider) throws Exception {
        assumeTrue(provider.isAvailable(), "provider not available");
        BackendTlsContexts backends = new BackendTlsContexts(provider);
        try (Connection c = connect(backends, new ServerTls(true, goodCa, null))) {
            assertThat(c.handshakeSucceeded()).as("chain only: %s", c.handshakeFailure()).isTrue();
        }
        try (Connection c = connect(backends, new ServerTls(true, goodCa, "backend.test"))) {
            assertThat(c.handshakeSucceeded()).as("chain and name: %s", c.handshakeFailure()).isTrue();
            assertThat(c.exchange("x")).startsWith("sni=backend.test tls=true");
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void verifyRequiredFailsForAnotherCaOrAnotherName(TlsProvider provider) throws Exception {
        assumeTrue(provider.isAvailable(), "provider not available");
        BackendTlsContexts backends = new BackendTlsContexts(provider);
        try (Connection c = connect(backends, new ServerTls(true, badCa, null))) {
            assertThat(c.handshakeSucceeded()).as("unknown CA").isFalse();
        }
        try (Connection c = connect(backends, new ServerTls(true, goodCa, "other.test"))) {
            assertThat(c.handshakeSucceeded()).as("certificate for another name").isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void pooledConnectionsToTheSameServerResumeTheirSession(TlsProvider provider) throws Exception {
        assumeTrue(provider.isAvailable(), "provider not available");
        // TLS 1.2 so that a resumed session is visible as the same session id on the client.
        FrontendTlsContexts tls12 = FrontendTlsContexts.build(new FrontendTls(List.of(dir.resolve("backend.pem").toString()),
                List.of(), null, List.of("no-tlsv13")), TlsProvider.JDK);
        BackendTlsContexts backends = new BackendTlsContexts(provider);
        ServerTls tls = new ServerTls(true, goodCa, null);
        try (TlsTestServer server12 = new TlsTestServer(ch -> tls12.newHandler())) {
            byte[] first;
            try (Connection c = client.connect(server12.port(), alloc -> backends.newHandler(tls, alloc, "127.0.0.1", server12.port()))) {
                assertThat(c.exchange("one")).contains("protocol=TLSv1.2");
                first = c.ssl().engine().getSession().getId();
            }
            try (Connection c = client.connect(server12.port(), alloc -> backends.newHandler(tls, alloc, "127.0.0.1", server12.port()))) {
                assertThat(c.exchange("two")).contains("protocol=TLSv1.2");
                assertThat(first).isNotEmpty();
                assertThat(c.ssl().engine().getSession().getId()).isEqualTo(first);
            }
            // Control: another context has no cached session, so its handshake is a full one.
            BackendTlsContexts other = new BackendTlsContexts(provider);
            try (Connection c = client.connect(server12.port(), alloc -> other.newHandler(tls, alloc, "127.0.0.1", server12.port()))) {
                assertThat(c.exchange("three")).contains("protocol=TLSv1.2");
                assertThat(c.ssl().engine().getSession().getId()).isNotEqualTo(first);
            }
        }
    }

    @Test
    void contextsAreCachedPerDistinctSettings() {
        BackendTlsContexts backends = new BackendTlsContexts(TlsProvider.JDK);

        assertThat(backends.forServer(new ServerTls(false, null, null))).isSameAs(backends.forServer(new ServerTls(false, null, null)));
        assertThat(backends.forServer(new ServerTls(true, goodCa, null))).isNotSameAs(backends.forServer(new ServerTls(false, null, null)));
    }

    @Test
    void unusableCaFileOrSniIsAClearError() {
        BackendTlsContexts backends = new BackendTlsContexts(TlsProvider.JDK);
        String missing = dir.resolve("missing-ca.pem").toString();
        String garbage = TestPki.write(dir, "garbage-ca.pem", "not a certificate").toString();

        assertThatThrownBy(() -> backends.forServer(new ServerTls(true, missing, null)))
                .isInstanceOf(TlsConfigException.class).hasMessage(missing + ": ca-file: no such file");
        assertThatThrownBy(() -> backends.forServer(new ServerTls(true, garbage, null)))
                .isInstanceOf(TlsConfigException.class).hasMessageStartingWith(garbage + ": ca-file");
        assertThatThrownBy(() -> backends.forServer(new ServerTls(false, null, "bad name!")))
                .isInstanceOf(TlsConfigException.class).hasMessageContaining("sni 'bad name!'");
    }
}
