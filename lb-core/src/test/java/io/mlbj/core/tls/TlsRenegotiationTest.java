package io.mlbj.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mlbj.core.routing.FrontendTls;
import io.mlbj.core.tls.TestPki.Issued;
import io.mlbj.core.tls.TestPki.KeyFormat;
import io.mlbj.core.tls.TlsTestClient.Connection;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.Future;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A TLS 1.2 client that asks for a second handshake on an established connection never gets one from
 * a frontend, with either provider; the control shows the same client does renegotiate with a plain
 * JSSE server, so the refusal is the frontend's.
 */
class TlsRenegotiationTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void aFrontendRefusesAClientInitiatedRenegotiation(TlsProvider provider) throws Exception {
        assumeTrue(provider.isAvailable(), "provider not available");
        Issued cert = TestPki.selfSigned("r.test", List.of("r.test"), TestPki.ec());
        Path pem = TestPki.write(dir, "r.pem", TestPki.pem(cert.keys(), KeyFormat.TRADITIONAL) + TestPki.pem(cert.certificate()));
        FrontendTls tls = new FrontendTls(List.of(pem.toString()), List.of(), null, List.of("no-tlsv13"));
        FrontendTlsContexts contexts = FrontendTlsContexts.build(tls, provider);
        try (TlsTestServer server = new TlsTestServer(ch -> contexts.newHandler())) {
            assertThat(renegotiates(server)).as("renegotiation succeeded").isFalse();
        }
    }

    @Test
    void controlThePlainJdkServerAcceptsIt() throws Exception {
        Issued cert = TestPki.selfSigned("r.test", List.of("r.test"), TestPki.ec());
        SslContext plain = SslContextBuilder.forServer(cert.keys().getPrivate(), cert.certificate())
                .sslProvider(SslProvider.JDK).protocols("TLSv1.2").build();
        try (TlsTestServer server = new TlsTestServer(ch -> plain.newHandler(ch.alloc()))) {
            assertThat(renegotiates(server)).isTrue();
        }
    }

    private static boolean renegotiates(TlsTestServer server) throws Exception {
        try (TlsTestClient client = new TlsTestClient();
                Connection c = client.connect(server.port(), TlsTestClient.trustAll(TlsProvider.JDK, "TLSv1.2"), "r.test")) {
            assertThat(c.handshakeSucceeded()).as("handshake: %s", c.handshakeFailure()).isTrue();
            assertThat(c.ssl().engine().getSession().getProtocol()).isEqualTo("TLSv1.2");
            Future<Channel> again = c.ssl().renegotiate();
            return again.await(TlsTestClient.TIMEOUT_SECONDS, TimeUnit.SECONDS) && again.isSuccess();
        }
    }
}
