package io.mlbj.marathon.api;

import static io.mlbj.marathon.testing.RecordingListener.app;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlbj.marathon.emulator.MarathonEmulator;
import io.mlbj.marathon.testing.Await;
import io.mlbj.marathon.testing.RecordingListener;
import io.mlbj.marathon.testing.TestCertificates;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Basic auth, https with a private CA and leader redirects, over real sockets. */
class MarathonClientSecurityTest {
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final RecordingListener listener = new RecordingListener();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    private MarathonEmulator start(MarathonEmulator.Options options) {
        MarathonEmulator emulator = new MarathonEmulator(options);
        closeables.add(emulator);
        return emulator.start();
    }

    private MarathonAppsSource sse(MarathonClientOptions options) {
        MarathonAppsSource source = new MarathonAppsSource(options, true, MarathonAppsSourceTest.FAST, Clock.systemUTC());
        closeables.add(source);
        source.start(listener);
        return source;
    }

    @Test
    void sendsBasicAuthOnApiCallsAndTheStream(@TempDir Path dir) throws Exception {
        MarathonEmulator emulator = start(MarathonEmulator.Options.defaults().withBasicAuth("ops:s3cret:x"));
        emulator.createApp("{\"id\":\"/web\"}");
        Path file = java.nio.file.Files.writeString(dir.resolve("credentials"), "ops:s3cret:x\n");
        MarathonClientOptions options = MarathonClientOptions.of(List.of(URI.create(emulator.url())))
                .withCredentials(MarathonCredentials.resolve(file, "wrong:one").orElseThrow());

        MarathonAppsSource source = sse(options);
        listener.awaitLatest("apps with auth", s -> !app(s, "/web").isMissingNode());
        Await.until("authenticated stream", () -> emulator.eventStreamCount() == 1);
        assertThat(emulator.lastAuthorization()).contains("Basic b3BzOnMzY3JldDp4");
        emulator.createApp("{\"id\":\"/second\"}");
        listener.awaitLatest("event over authenticated stream", s -> !app(s, "/second").isMissingNode());
        assertThat(source.status().reconnects()).isZero();
    }

    @Test
    void reportsRejectedCredentials() {
        MarathonEmulator emulator = start(MarathonEmulator.Options.defaults().withBasicAuth("ops:right"));
        MarathonClient client = new MarathonClient(MarathonClientOptions.of(List.of(URI.create(emulator.url())))
                .withCredentials(new MarathonCredentials("ops", "wrong")));
        assertThatThrownBy(() -> client.fetchApps(Clock.systemUTC()))
                .isInstanceOf(MarathonException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining(emulator.url());
    }

    @Test
    void talksHttpsToMarathonTrustingTheGivenCa(@TempDir Path dir) throws Exception {
        TestCertificates certs = TestCertificates.generate();
        SslContext serverTls = SslContextBuilder.forServer(certs.serverKey, certs.server, certs.ca).build();
        MarathonEmulator emulator = start(MarathonEmulator.Options.defaults().withTls(serverTls));
        emulator.createApp("{\"id\":\"/secure\"}");
        assertThat(emulator.url()).startsWith("https://127.0.0.1:");
        Path caFile = certs.writeCaPem(dir.resolve("marathon-ca.pem"));

        MarathonClientOptions options = MarathonClientOptions.of(List.of(URI.create(emulator.url())))
                .withSslContext(MarathonTls.trustingCa(caFile));
        sse(options);
        listener.awaitLatest("apps over https", s -> !app(s, "/secure").isMissingNode());
        Await.until("stream over https", () -> emulator.eventStreamCount() == 1);
        emulator.createApp("{\"id\":\"/secure-2\"}");
        listener.awaitLatest("event over https", s -> !app(s, "/secure-2").isMissingNode());
    }

    @Test
    void refusesAnHttpsMarathonSignedByAnotherCa(@TempDir Path dir) throws Exception {
        TestCertificates served = TestCertificates.generate();
        TestCertificates other = TestCertificates.generate();
        SslContext serverTls = SslContextBuilder.forServer(served.serverKey, served.server, served.ca).build();
        MarathonEmulator emulator = start(MarathonEmulator.Options.defaults().withTls(serverTls));
        MarathonClient client = new MarathonClient(MarathonClientOptions.of(List.of(URI.create(emulator.url())))
                .withSslContext(MarathonTls.trustingCa(other.writeCaPem(dir.resolve("other.pem")))));
        assertThatThrownBy(() -> client.fetchApps(Clock.systemUTC()))
                .isInstanceOf(MarathonException.class)
                .hasMessageContaining(emulator.url());
    }

    @Test
    void aCaFileWithoutCertificatesIsAClearError(@TempDir Path dir) throws Exception {
        Path bogus = java.nio.file.Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");
        assertThatThrownBy(() -> MarathonTls.trustingCa(bogus)).hasMessageStartingWith(bogus.toString());
    }

    @Test
    void followsRedirectsToTheLeaderKeepingTheCredentials() {
        MarathonEmulator leader = start(MarathonEmulator.Options.defaults().withBasicAuth("ops:pw"));
        MarathonEmulator follower = start(MarathonEmulator.Options.defaults());
        follower.redirectToLeader(leader.url());
        leader.createApp("{\"id\":\"/on-leader\"}");

        MarathonAppsSource source = sse(MarathonClientOptions.of(List.of(URI.create(follower.url())))
                .withCredentials(new MarathonCredentials("ops", "pw")));
        listener.awaitLatest("apps from the leader", s -> !app(s, "/on-leader").isMissingNode());
        Await.until("stream on the leader", () -> leader.eventStreamCount() == 1 && source.status().streamConnected());
        assertThat(follower.eventStreamCount()).isZero();
        leader.createApp("{\"id\":\"/on-leader-2\"}");
        listener.awaitLatest("event from the leader", s -> !app(s, "/on-leader-2").isMissingNode());
        assertThat(listener.snapshots().get(0).sourceUrl()).isEqualTo(follower.url());
    }
}
