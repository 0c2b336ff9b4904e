package io.mlbj.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The WSO2 case end to end: marathon-lb's rendered config ({@code wso2.cfg}) with TLS terminated on the
 * service port ({@code HAPROXY_0_SSL_CERT}) and re-encrypted to the servers with {@code ssl verify none};
 * only addresses, ports and certificate paths are replaced so that it runs on loopback.
 */
class Wso2ProxyTest {
    private static final TestPki.Issued CA = TestPki.ca("WSO2 demo CA");

    @TempDir
    Path dir;

    private final List<TlsHttpBackend> servers = new ArrayList<>();
    private TlsProxy proxy;

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        servers.forEach(TlsHttpBackend::close);
    }

    private String config() throws Exception {
        String text;
        try (InputStream in = Wso2ProxyTest.class.getResourceAsStream("/wso2.cfg")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        TestPki.Issued site = TestPki.issue(CA, "wso2 demo", List.of("localhost"), TestPki.rsa(), false);
        Path wso2Pem = TestPki.write(dir, "wso2demo.pem", TestPki.combined(site, TestPki.KeyFormat.TRADITIONAL, CA.certificate()));
        Path defaultPem = TestPki.write(dir, "cert.pem", TestPki.combined(
                TestPki.selfSigned("default", List.of("default.invalid"), TestPki.ec()), TestPki.KeyFormat.PKCS8));
        // Servers with certificates nobody could verify: verify none must not care.
        TestPki.Issued serverCert = TestPki.selfSigned("10.0.0.1", List.of(), TestPki.ec());
        servers.add(new TlsHttpBackend("wso2-a", serverCert));
        servers.add(new TlsHttpBackend("wso2-b", serverCert));
        return text
                .replace("bind 0.0.0.0:9090", "bind 127.0.0.5:0")
                .replace("bind *:80\n", "bind 127.0.0.2:0\n")
                .replace("bind *:9091", "bind 127.0.0.3:0")
                .replace("bind *:443 ssl crt /etc/ssl/cert.pem", "bind 127.0.0.4:0 ssl crt " + defaultPem)
                .replace("bind *:10209 ssl crt /etc/ssl/wso2demo.pem", "bind 127.0.0.1:0 ssl crt " + wso2Pem)
                .replace("10.0.0.1:31001", "127.0.0.1:" + servers.get(0).port())
                .replace("10.0.0.2:31002", "127.0.0.1:" + servers.get(1).port());
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void httpsOnTheServicePortReEncryptedToBothServers(TlsProvider provider) throws Exception {
        assumeTrue(provider.isAvailable(), "provider not available");
        proxy = TlsProxy.start(provider, config());
        int port = proxy.port("wso2am-api-store_10209");
        HttpClient client = JdkTlsClients.httpClient(JdkTlsClients.trusting(CA.certificate()));
        List<String> reached = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + port + "/store/apis?i=" + i)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            List<String> lines = r.body().lines().toList();
            reached.add(lines.get(0));
            assertThat(lines).contains("GET /store/apis?i=" + i + " HTTP/1.1", "X-Forwarded-Proto: https",
                    "X-Forwarded-Port: " + port, "X-Forwarded-For: 127.0.0.1");
            assertThat(lines).anyMatch(l -> l.startsWith("protocol=TLSv1."));
        }
        assertThat(reached).containsExactly("backend wso2-a", "backend wso2-b", "backend wso2-a", "backend wso2-b");
    }
}
