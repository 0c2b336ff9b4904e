package io.mlbj.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mlbj.core.demo.EchoBackend;
import io.mlbj.core.proxy.RawHttp;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * HTTPS termination through a real {@code LbServer} configured with marathon-lb's config text: forwarded
 * headers, certificates picked by SNI, the per-app certificate on a service port, redirect to HTTPS and
 * HSTS; once with each provider on the proxy side, JDK clients.
 */
class HttpsFrontendProxyTest {
    private static final TestPki.Issued CA = TestPki.ca("Test Root CA");

    @TempDir
    Path dir;

    private EchoBackend echo;
    private EchoBackend fallback;
    private TlsProxy proxy;
    private Path defaultPem;
    private Path exactPem;
    private Path wildcardPem;
    private Path appPem;

    @BeforeEach
    void certificates() {
        echo = EchoBackend.start("nginx");
        fallback = EchoBackend.start("fallback");
        defaultPem = pem("default.pem", "test.example.com", "test.example.com", "localhost");
        exactPem = pem("exact.pem", "a.example.com", "a.example.com");
        wildcardPem = pem("wildcard.pem", "wildcard apps", "*.apps.example.com");
        appPem = pem("app.pem", "service port", "localhost");
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        echo.close();
        fallback.close();
    }

    private Path pem(String file, String cn, String... names) {
        TestPki.Issued leaf = TestPki.issue(CA, cn, Arrays.asList(names), TestPki.ec(), false);
        return TestPki.write(dir, file, TestPki.combined(leaf, TestPki.KeyFormat.PKCS8, CA.certificate()));
    }

    /** marathon-lb's rendering of one app with HAPROXY_0_VHOST, REDIRECT_TO_HTTPS, USE_HSTS and SSL_CERT. */
    private String config() {
        return TlsProxy.HEAD + """
                frontend marathon_http_in
                  bind 127.0.0.2:0
                  mode http
                  acl host_test_example_com_nginx hdr(host) -i test.example.com
                  use_backend nginx_10000 if host_test_example_com_nginx
                  redirect scheme https code 301 if !{ ssl_fc } host_test_example_com_nginx

                frontend marathon_http_appid_in
                  bind 127.0.0.4:0
                  mode http
                  acl app__nginx hdr(x-marathon-app-id) -i /nginx
                  use_backend nginx_10000 if app__nginx

                frontend marathon_https_in
                  bind 127.0.0.1:0 ssl crt %s crt %s crt %s
                  mode http
                  use_backend nginx_10000 if { ssl_fc_sni test.example.com }
                  use_backend nginx_10000 if { ssl_fc_sni localhost }
                  default_backend fallback

                frontend nginx_10000
                  bind 127.0.0.3:0 ssl crt %s
                  mode http
                  use_backend nginx_10000

                backend nginx_10000
                  balance roundrobin
                  mode http
                  rspadd  Strict-Transport-Security:\\ max-age=15768000
                  option forwardfor
                  http-request set-header X-Forwarded-Port %%[dst_port]
                  http-request add-header X-Forwarded-Proto https if { ssl_fc }
                  server agent1_127_0_0_1_%d 127.0.0.1:%d

                backend fallback
                  mode http
                  option forwardfor
                  http-request add-header X-Forwarded-Proto https if { ssl_fc }
                  server fallback_1 127.0.0.1:%d
                """.formatted(defaultPem, exactPem, wildcardPem, appPem, echo.port(), echo.port(), fallback.port());
    }

    private void start(TlsProvider provider) throws Exception {
        assumeTrue(provider.isAvailable(), "provider not available");
        proxy = TlsProxy.start(provider, config());
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void httpsRequestReachesThePlainBackendWithForwardedHeaders(TlsProvider provider) throws Exception {
        start(provider);
        int port = proxy.port("marathon_https_in");
        HttpResponse<String> r = JdkTlsClients.httpClient(JdkTlsClients.trusting(CA.certificate())).send(
                HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/some/path?q=1"))
                        .header("X-Forwarded-Proto", "http").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue(EchoBackend.NAME_HEADER)).hasValue("nginx");
        assertThat(r.headers().allValues("Strict-Transport-Security")).containsExactly("max-age=15768000");
        List<String> lines = r.body().lines().toList();
        assertThat(lines).contains("GET /some/path?q=1 HTTP/1.1");
        // Set, not appended: the client's "http" is gone.
        assertThat(lines).filteredOn(l -> l.startsWith("X-Forwarded-Proto:")).containsExactly("X-Forwarded-Proto: https");
        assertThat(lines).filteredOn(l -> l.startsWith("X-Forwarded-Port:")).containsExactly("X-Forwarded-Port: " + port);
        assertThat(lines).filteredOn(l -> l.startsWith("X-Forwarded-For:")).containsExactly("X-Forwarded-For: 127.0.0.1");
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void certificatePickedBySniExactWildcardOrDefault(TlsProvider provider) throws Exception {
        start(provider);
        InetSocketAddress port = proxy.address("marathon_https_in");
        assertThat(served(port, "a.example.com")).isEqualTo("a.example.com -> fallback");
        assertThat(served(port, "x.apps.example.com")).isEqualTo("wildcard apps -> fallback");
        assertThat(served(port, "test.example.com")).isEqualTo("test.example.com -> nginx");
        assertThat(served(port, "unknown.example.org")).isEqualTo("test.example.com -> fallback");
        assertThat(served(port, null)).isEqualTo("test.example.com -> fallback");
        // Two labels under a wildcard are not covered by it.
        assertThat(served(port, "a.b.apps.example.com")).isEqualTo("test.example.com -> fallback");
    }

    /** "CN -> backend": the certificate served for {@code sni} and the backend ssl_fc_sni routing chose. */
    private String served(InetSocketAddress port, String sni) throws Exception {
        // A fresh client context per connection: the JDK client resumes a session cached for the same
        // host:port and then sends that session's SNI again, whatever SNI was asked for.
        try (RawHttp c = JdkTlsClients.http(JdkTlsClients.trustingAnything(), port, sni)) {
            RawHttp.Response r = c.send("GET /sni HTTP/1.1\r\nHost: " + (sni == null ? "x" : sni) + "\r\n\r\n").read(false);
            assertThat(r.status()).as("status for SNI %s", sni).isEqualTo(200);
            assertThat(r.bodyText()).contains("X-Forwarded-Proto: https");
            return JdkTlsClients.cn(JdkTlsClients.peer(c)) + " -> " + r.header(EchoBackend.NAME_HEADER);
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void perAppCertificateOnItsServicePort(TlsProvider provider) throws Exception {
        start(provider);
        InetSocketAddress address = proxy.address("nginx_10000");
        // Any SNI: the service port has one certificate.
        try (RawHttp c = JdkTlsClients.http(JdkTlsClients.trustingAnything(), address, "a.example.com")) {
            RawHttp.Response r = c.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n").read(false);
            assertThat(r.status()).isEqualTo(200);
            assertThat(JdkTlsClients.cn(JdkTlsClients.peer(c))).isEqualTo("service port");
            assertThat(r.bodyText()).contains("X-Forwarded-Proto: https", "X-Forwarded-Port: " + address.getPort());
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void plainHttpIsRedirectedToHttpsWithTheSameHostAndUri(TlsProvider provider) throws Exception {
        start(provider);
        InetSocketAddress address = proxy.address("marathon_http_in");
        try (RawHttp c = new RawHttp(address.getHostString(), address.getPort())) {
            RawHttp.Response r = c.send("GET /some/path?q=1&b=2 HTTP/1.1\r\nHost: test.example.com\r\n"
                    + "X-Forwarded-Proto: https\r\n\r\n").read(false);
            assertThat(r.status()).isEqualTo(301);
            assertThat(r.header("Location")).isEqualTo("https://test.example.com/some/path?q=1&b=2");
            // A redirect keeps the connection: a request for another host on it is not redirected.
            RawHttp.Response other = c.send("GET / HTTP/1.1\r\nHost: other.example.com\r\n\r\n").read(false);
            assertThat(other.status()).isEqualTo(503);
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void openSslClientWithSniAndTls12Only(TlsProvider provider) throws Exception {
        start(provider);
        assumeTrue(TlsProvider.OPENSSL.isAvailable(), "OpenSSL not available for the client");
        int port = proxy.port("marathon_https_in");
        try (TlsTestClient client = new TlsTestClient()) {
            for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
                try (TlsTestClient.Connection c = client.connect(port,
                        TlsTestClient.trustAll(TlsProvider.OPENSSL, protocol), "test.example.com")) {
                    assertThat(c.handshakeSucceeded()).as(protocol).isTrue();
                    assertThat(c.protocol()).isEqualTo(protocol);
                    assertThat(c.alpn()).isEqualTo("http/1.1");
                    assertThat(JdkTlsClients.cn(c.peerCertificate())).isEqualTo("test.example.com");
                    // exchange() ends the text with "\n": the request head ends with CRLF CRLF.
                    assertThat(c.exchange("GET /openssl HTTP/1.1\r\nHost: test.example.com\r\n\r"))
                            .isEqualTo("HTTP/1.1 200 OK\r");
                    List<String> rest = new java.util.ArrayList<>();
                    for (String l = c.lines().poll(20, java.util.concurrent.TimeUnit.SECONDS);
                            l != null && !l.equals("X-Forwarded-Proto: https"); l = c.lines().poll(20, java.util.concurrent.TimeUnit.SECONDS)) {
                        rest.add(l);
                    }
                    assertThat(rest).contains("backend nginx", "GET /openssl HTTP/1.1");
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void plainHttpCannotForgeForwardedProto(TlsProvider provider) throws Exception {
        start(provider);
        InetSocketAddress address = proxy.address("marathon_http_appid_in");
        try (RawHttp c = new RawHttp(address.getHostString(), address.getPort())) {
            RawHttp.Response r = c.send("GET /plain HTTP/1.1\r\nHost: test.example.com\r\n"
                    + "X-Marathon-App-Id: /nginx\r\nX-Forwarded-Proto: https\r\n\r\n").read(false);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header(EchoBackend.NAME_HEADER)).isEqualTo("nginx");
            assertThat(r.bodyText()).contains("GET /plain HTTP/1.1", "X-Forwarded-Port: " + address.getPort())
                    .doesNotContain("X-Forwarded-Proto");
        }
    }
}
