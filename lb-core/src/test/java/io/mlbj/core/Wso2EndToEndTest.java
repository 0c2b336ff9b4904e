package io.mlbj.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.haproxy.MapFileReader;
import io.mlbj.core.proxy.RawHttp;
import io.mlbj.core.tls.JdkTlsClients;
import io.mlbj.core.tls.SelfSignedCertificateWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * marathon-lb's WSO2 example ({@code wso2.cfg}, its rendering for two tasks) served by a
 * {@link LoadBalancer} from config text: TLS terminated with a generated certificate, {@code JSESSIONID}
 * prefixed with the server's cookie value, a session's later requests on its server (also across a
 * config change), round robin for new sessions, re-encrypted to TLS servers with {@code ssl verify none},
 * {@code X-Forwarded-Port/Proto/For} set.
 */
class Wso2EndToEndTest {
    private static final String FRONTEND = "wso2am-api-store_10209";
    /** The cookie values of the fixture's two servers (marathon-lb's sha1 of the server name). */
    private static final String COOKIE_1 = "5618f9873c";
    private static final String COOKIE_2 = "f63184a495";

    @TempDir
    Path dir;

    private TlsSessionBackend task1;
    private TlsSessionBackend task2;
    private TlsSessionBackend task3;
    private LoadBalancer lb;
    private SSLContext client;

    @BeforeEach
    void start() throws Exception {
        task1 = new TlsSessionBackend("task1");
        task2 = new TlsSessionBackend("task2");
        task3 = new TlsSessionBackend("task3");
        lb = LoadBalancer.start(LoadBalancerSettings.defaults().withIoThreads(2));
        client = JdkTlsClients.trustingAnything();
    }

    @AfterEach
    void stop() {
        lb.close(Duration.ofSeconds(1));
        task1.close();
        task2.close();
        task3.close();
    }

    /** The fixture with loopback addresses on port 0, generated certificates and the test's servers. */
    private String config(boolean withThirdTask) throws IOException {
        Path defaultPem = dir.resolve("cert.pem");
        Path wso2Pem = dir.resolve("wso2demo.pem");
        SelfSignedCertificateWriter.writeIfAbsent(defaultPem, "default.example.com");
        SelfSignedCertificateWriter.writeIfAbsent(wso2Pem, "wso2.example.com");
        String text;
        try (InputStream in = getClass().getResourceAsStream("/wso2.cfg")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        text = text.replace("bind 0.0.0.0:9090", "bind 127.0.0.5:0")
                .replace("bind *:80\n", "bind 127.0.0.2:0\n")
                .replace("bind *:9091", "bind 127.0.0.3:0")
                .replace("bind *:443 ssl crt /etc/ssl/cert.pem", "bind 127.0.0.4:0 ssl crt " + defaultPem)
                .replace("bind *:10209 ssl crt /etc/ssl/wso2demo.pem", "bind 127.0.0.1:0 ssl crt " + wso2Pem)
                .replace("10.0.0.1:31001", "127.0.0.1:" + task1.port())
                .replace("10.0.0.2:31002", "127.0.0.1:" + task2.port());
        if (withThirdTask) {
            text += "  server 10_0_0_3_31003 127.0.0.1:" + task3.port() + " check cookie 0123456789 ssl verify none\n";
        }
        return text;
    }

    /** One request on a new TLS connection to the WSO2 frontend. */
    private Reply get(String cookie) throws Exception {
        InetSocketAddress address = lb.boundAddress(FRONTEND);
        try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(
                address.getAddress(), address.getPort())) {
            socket.startHandshake();
            X509Certificate served = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            RawHttp http = new RawHttp(socket);
            String request = "GET /store/apis HTTP/1.1\r\nHost: wso2.example.com\r\n"
                    + "X-Forwarded-Proto: http\r\n"
                    + (cookie == null ? "" : "Cookie: JSESSIONID=" + cookie + "\r\n") + "\r\n";
            RawHttp.Response r = http.send(request).read(false);
            return new Reply(r, served.getSubjectX500Principal().getName());
        }
    }

    /** A response and the certificate subject the frontend presented. */
    private record Reply(RawHttp.Response response, String certificateSubject) {
        Map<String, List<String>> fields() {
            Map<String, List<String>> out = new LinkedHashMap<>();
            for (String line : response.bodyText().split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    out.computeIfAbsent(line.substring(0, eq), k -> new ArrayList<>()).add(line.substring(eq + 1));
                }
            }
            return out;
        }

        String field(String name) {
            List<String> v = fields().get(name);
            return v == null ? null : v.get(0);
        }

        /** The JSESSIONID value of the response's Set-Cookie, or null. */
        String sessionCookie() {
            String setCookie = response.header("Set-Cookie");
            if (setCookie == null || !setCookie.startsWith("JSESSIONID=")) {
                return null;
            }
            return setCookie.substring("JSESSIONID=".length(), setCookie.indexOf(';'));
        }
    }

    private static String cookieOf(String backend) {
        return switch (backend) {
            case "task1" -> COOKIE_1;
            case "task2" -> COOKIE_2;
            case "task3" -> "0123456789";
            default -> throw new AssertionError(backend);
        };
    }

    @Test
    void wso2ConfigServesTlsStickySessionsAndForwardedHeaders() throws Exception {
        ApplyResult applied = lb.apply(config(false), "wso2.cfg", MapFileReader.NONE);
        assertThat(applied.changed()).isTrue();
        assertThat(applied.warnings()).isEmpty();
        assertThat(applied.diff().serversAdded())
                .containsExactly(FRONTEND + "/10_0_0_1_31001", FRONTEND + "/10_0_0_2_31002");
        int port = lb.boundAddress(FRONTEND).getPort();

        // A new session: TLS terminated with the generated certificate, re-encrypted to the task.
        Reply first = get(null);
        assertThat(first.response().status()).isEqualTo(200);
        assertThat(first.certificateSubject()).isEqualTo("CN=wso2.example.com");
        String owner = first.field("backend");
        assertThat(first.field("tls")).startsWith("TLSv1.");
        String sessionId = first.field("session");
        String cookie = first.sessionCookie();
        assertThat(cookie).isEqualTo(cookieOf(owner) + "~" + sessionId);
        assertThat(first.response().header("Set-Cookie")).isEqualTo("JSESSIONID=" + cookie + "; Path=/; HttpOnly");
        // Forwarded headers: the frontend's real port, https (the client's "http" replaced), the client.
        assertThat(first.fields().get("header:x-forwarded-port")).containsExactly(Integer.toString(port));
        assertThat(first.fields().get("header:x-forwarded-proto")).containsExactly("https");
        assertThat(first.fields().get("header:x-forwarded-for")).containsExactly("127.0.0.1");

        // Later requests of that session: same task, the application sees its own id without the prefix.
        for (int hit = 2; hit <= 4; hit++) {
            Reply again = get(cookie);
            assertThat(again.field("backend")).isEqualTo(owner);
            assertThat(again.field("session")).isEqualTo(sessionId);
            assertThat(again.field("hits")).isEqualTo(Integer.toString(hit));
            assertThat(again.fields().get("header:cookie")).containsExactly("JSESSIONID=" + sessionId);
            assertThat(again.response().header("Set-Cookie")).isNull();
        }

        // New sessions are balanced round robin, continuing after the first pick.
        List<String> newSessions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Reply r = get(null);
            newSessions.add(r.field("backend"));
            assertThat(r.sessionCookie()).startsWith(cookieOf(r.field("backend")) + "~");
        }
        String other = owner.equals("task1") ? "task2" : "task1";
        assertThat(newSessions).containsExactly(other, owner, other, owner);

        // A config change (a third task) keeps the session on its task and the listener in place.
        ApplyResult scaled = lb.apply(config(true), "wso2.cfg", MapFileReader.NONE);
        assertThat(scaled.diff().serversAdded()).containsExactly(FRONTEND + "/10_0_0_3_31003");
        assertThat(lb.boundAddress(FRONTEND).getPort()).isEqualTo(port);
        Reply afterScale = get(cookie);
        assertThat(afterScale.field("backend")).isEqualTo(owner);
        assertThat(afterScale.field("hits")).isEqualTo("5");
        List<String> spread = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            spread.add(get(null).field("backend"));
        }
        assertThat(spread).containsExactlyInAnyOrder("task1", "task2", "task3");
    }

    @Test
    void lbCoreJarMainServesTheWso2ConfigFromAFile() throws Exception {
        LoadBalancer inTest = lb;
        Path file = Files.writeString(dir.resolve("haproxy.cfg"), config(false));
        LbCoreMain main = new LbCoreMain(new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(
                () -> main.run(new String[] {"--config", file.toString(), "--io-threads", "1", "--drain-timeout", "1"},
                        false));
        try {
            lb = main.awaitStarted(Duration.ofSeconds(60));
            assertThat(lb).as("started").isNotNull();
            Reply first = get(null);
            Reply second = get(first.sessionCookie());
            assertThat(first.sessionCookie()).isEqualTo(cookieOf(first.field("backend")) + "~" + first.field("session"));
            assertThat(second.field("backend")).isEqualTo(first.field("backend"));
            assertThat(second.field("hits")).isEqualTo("2");
            assertThat(get(null).field("backend")).isNotEqualTo(first.field("backend"));
        } finally {
            main.stop();
            lb = inTest;
        }
        assertThat(status.get(60, TimeUnit.SECONDS)).isEqualTo(0);
    }
}
