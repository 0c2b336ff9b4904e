package io.mlbj.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mlbj.core.proxy.RawHttp;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * TLS from the proxy to servers ({@code server ... ssl verify none|required ca-file F}) through a real
 * {@code LbServer} configured with config text, with each provider on the proxy side.
 */
class TlsServerProxyTest {
    private static final TestPki.Issued SERVER_CA = TestPki.ca("Server CA");
    private static final TestPki.Issued OTHER_CA = TestPki.ca("Other CA");

    @TempDir
    Path dir;

    private TlsHttpBackend backend;
    private TlsHttpBackend tls12Backend;
    private TlsProxy proxy;

    @BeforeEach
    void servers() throws Exception {
        TestPki.Issued leaf = TestPki.issue(SERVER_CA, "backend.internal", List.of("backend.internal"), TestPki.ec(), false);
        backend = new TlsHttpBackend("secure", leaf);
        // TLS 1.2 only: a resumed session shows as the same session id on the server.
        tls12Backend = new TlsHttpBackend("tls12", leaf, "TLSv1.2");
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        backend.close();
        tls12Backend.close();
    }

    private void start(TlsProvider provider) throws Exception {
        assumeTrue(provider.isAvailable(), "provider not available");
        Path ca = TestPki.write(dir, "server-ca.pem", TestPki.pem(SERVER_CA.certificate()));
        Path otherCa = TestPki.write(dir, "other-ca.pem", TestPki.pem(OTHER_CA.certificate()));
        int p = backend.port();
        proxy = TlsProxy.start(provider, TlsProxy.HEAD + """
                frontend fe
                  bind 127.0.0.1:0
                  mode http
                  use_backend tls_none if { path_beg /none }
                  use_backend tls_ca if { path_beg /ca }
                  use_backend tls_wrong_ca if { path_beg /wrong }
                  use_backend tls_resume if { path_beg /resume }

                backend tls_none
                  mode http
                  server s1 127.0.0.1:%d ssl verify none

                backend tls_ca
                  mode http
                  server s1 127.0.0.1:%d ssl verify required ca-file %s

                backend tls_wrong_ca
                  mode http
                  retries 1
                  server s1 127.0.0.1:%d ssl verify required ca-file %s

                backend tls_resume
                  mode http
                  option http-server-close
                  server s1 127.0.0.1:%d ssl verify none
                """.formatted(p, p, ca, p, otherCa, tls12Backend.port()));
    }

    private RawHttp.Response get(String path) throws Exception {
        try (RawHttp c = new RawHttp(proxy.port("fe"))) {
            return c.send("GET " + path + " HTTP/1.1\r\nHost: app.example.com\r\n\r\n").read(false);
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void verifyNoneReachesATlsServer(TlsProvider provider) throws Exception {
        start(provider);
        RawHttp.Response r = get("/none/x");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.bodyText()).startsWith("backend secure\n").contains("GET /none/x HTTP/1.1", "protocol=TLSv1.3");
        // verify none toward an IP address: no SNI is sent.
        assertThat(r.bodyText()).contains("sni=-");
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void verifyRequiredSucceedsWithTheIssuingCa(TlsProvider provider) throws Exception {
        start(provider);
        RawHttp.Response r = get("/ca/y");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.bodyText()).startsWith("backend secure\n").contains("GET /ca/y HTTP/1.1");
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void verifyRequiredWithAnotherCaNeverReachesTheServer(TlsProvider provider) throws Exception {
        start(provider);
        RawHttp.Response r = get("/wrong/z");
        // A refused handshake is a failed connection: retried, then 503 (as HAProxy answers).
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.bodyText()).doesNotContain("backend secure");
        // The proxy keeps serving the other backends.
        assertThat(get("/ca/again").status()).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void connectionsToTheSameServerResumeTheirTlsSession(TlsProvider provider) throws Exception {
        start(provider);
        for (int i = 0; i < 4; i++) {
            RawHttp.Response r = get("/resume/" + i);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.bodyText()).contains("protocol=TLSv1.2");
        }
        List<TlsHttpBackend.Handshake> handshakes = tls12Backend.handshakes();
        // option http-server-close: one server connection per request, each a TLS handshake.
        assertThat(handshakes).hasSize(4);
        // The first handshake is a full one; the later ones resume its session (one client context per
        // ServerTls, shared by the pools of every event loop). A resumed session keeps the creation
        // time of the original; with session tickets (BoringSSL) the id is new on every connection.
        assertThat(handshakes).extracting(TlsHttpBackend.Handshake::sessionCreated).containsOnly(handshakes.get(0).sessionCreated());

        // Control: a proxy with TLS contexts of its own has no session to resume.
        proxy.close();
        Thread.sleep(5);
        start(provider);
        assertThat(get("/resume/again").status()).isEqualTo(200);
        assertThat(tls12Backend.handshakes()).hasSize(5);
        assertThat(tls12Backend.handshakes().get(4).sessionCreated()).isNotEqualTo(handshakes.get(0).sessionCreated());
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void tcpModeTerminatesAndReEncrypts(TlsProvider provider) throws Exception {
        assumeTrue(provider.isAvailable(), "provider not available");
        TestPki.Issued site = TestPki.selfSigned("tcp site", List.of("tcp.example.com"), TestPki.ec());
        Path pem = TestPki.write(dir, "tcp.pem", TestPki.combined(site, TestPki.KeyFormat.PKCS8));
        proxy = TlsProxy.start(provider, TlsProxy.HEAD + """
                frontend tcp_in
                  bind 127.0.0.1:0 ssl crt %s
                  mode tcp
                  default_backend tcp_servers

                backend tcp_servers
                  mode tcp
                  server s1 127.0.0.1:%d ssl verify none
                """.formatted(pem, backend.port()));
        try (RawHttp c = JdkTlsClients.http(JdkTlsClients.trustingAnything(), proxy.address("tcp_in"), "tcp.example.com")) {
            for (int i = 0; i < 2; i++) {
                RawHttp.Response r = c.send("GET /tcp/" + i + " HTTP/1.1\r\nHost: tcp.example.com\r\n\r\n").read(false);
                assertThat(r.status()).isEqualTo(200);
                // Bytes relayed untouched: no forwarding headers in TCP mode.
                assertThat(r.bodyText()).startsWith("backend secure\nGET /tcp/" + i + " HTTP/1.1\n")
                        .doesNotContain("X-Forwarded");
            }
            assertThat(JdkTlsClients.cn(JdkTlsClients.peer(c))).isEqualTo("tcp site");
        }
    }
}
