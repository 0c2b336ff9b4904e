package io.mlbj.marathon.api;

import static io.mlbj.marathon.testing.RecordingListener.app;
import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.marathon.emulator.AppsFault;
import io.mlbj.marathon.emulator.MarathonEmulator;
import io.mlbj.marathon.testing.Await;
import io.mlbj.marathon.testing.Http;
import io.mlbj.marathon.testing.RecordingListener;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Marathon source against the emulator over real HTTP and SSE. */
class MarathonAppsSourceTest {
    static final SyncTimings FAST = SyncTimings.defaults()
            .withBackoff(Duration.ofMillis(50), Duration.ofMillis(200));

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final RecordingListener listener = new RecordingListener();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    private MarathonEmulator emulator() {
        MarathonEmulator emulator = MarathonEmulator.startDefault();
        closeables.add(emulator);
        return emulator;
    }

    private MarathonAppsSource source(MarathonClientOptions options, boolean sse, SyncTimings timings) {
        MarathonAppsSource source = new MarathonAppsSource(options, sse, timings, Clock.systemUTC());
        closeables.add(source);
        source.start(listener);
        return source;
    }

    private MarathonAppsSource sseSource(MarathonEmulator emulator) {
        return source(MarathonClientOptions.of(List.of(URI.create(emulator.url()))), true, FAST);
    }

    private static void awaitStream(MarathonEmulator emulator, MarathonAppsSource source) {
        Await.until("event stream open", () -> emulator.eventStreamCount() == 1 && source.status().streamConnected());
    }

    @Test
    void fetchesAppsAndFollowsPostScaleAndDelete() {
        MarathonEmulator emulator = emulator();
        emulator.createApp("{\"id\":\"/first\",\"instances\":1}");
        MarathonAppsSource source = sseSource(emulator);
        listener.awaitLatest("first app", s -> app(s, "/first").path("tasks").size() == 1);
        awaitStream(emulator, source);

        Http.post(emulator.url() + "/v2/apps", "{\"id\":\"/second\",\"instances\":2}");
        listener.awaitLatest("posted app", s -> app(s, "/second").path("tasks").size() == 2);

        Http.put(emulator.url() + "/v2/apps/second", "{\"instances\":4}");
        listener.awaitLatest("scaled app", s -> app(s, "/second").path("tasks").size() == 4);

        String task = emulator.taskIds("/second").get(0);
        Http.delete(emulator.url() + "/v2/apps/second/tasks/" + task + "?scale=true");
        listener.awaitLatest("killed task", s -> app(s, "/second").path("tasks").size() == 3);

        Http.delete(emulator.url() + "/v2/apps/first");
        listener.awaitLatest("deleted app", s -> app(s, "/first").isMissingNode());

        SyncStatus status = source.status();
        assertThat(status.lastSuccess()).isPresent();
        assertThat(status.events()).isGreaterThan(0);
        assertThat(status.currentUrl()).isEqualTo(emulator.url());
        assertThat(listener.snapshots().get(0).sourceUrl()).isEqualTo(emulator.url());
    }

    @Test
    void healthChangesTriggerAResync() {
        MarathonEmulator emulator = emulator();
        emulator.createApp("{\"id\":\"/web\",\"healthChecks\":[{\"protocol\":\"HTTP\",\"path\":\"/\"}]}");
        MarathonAppsSource source = sseSource(emulator);
        awaitStream(emulator, source);
        listener.awaitLatest("healthy", s -> app(s, "/web").path("tasksHealthy").asInt() == 1);
        emulator.setTaskHealth(emulator.taskIds("/web").get(0), false);
        listener.awaitLatest("unhealthy", s -> app(s, "/web").path("tasks").get(0)
                .path("healthCheckResults").get(0).path("alive").asBoolean() == false);
    }

    @Test
    void aBurstOfAThousandEventsCostsAHandfulOfFetches() {
        MarathonEmulator emulator = emulator();
        MarathonAppsSource source = sseSource(emulator);
        awaitStream(emulator, source);
        Await.until("initial fetches done", () -> listener.count() >= 1 && source.resyncIdle());
        long eventsBefore = source.status().events();
        long requestsBefore = emulator.appsRequests();

        for (int i = 0; i < 1000; i++) {
            emulator.emitEvent("status_update_event");
        }
        Await.until("1000 events received", () -> source.status().events() >= eventsBefore + 1000);
        Await.until("fetches after the burst done", () -> emulator.appsRequests() > requestsBefore && source.resyncIdle());
        long fetches = emulator.appsRequests() - requestsBefore;
        System.out.println("burst of 1000 events -> " + fetches + " fetches of /v2/apps");
        assertThat(fetches).isBetween(1L, 10L);
    }

    @Test
    void ignoredEventTypesDoNotFetch() {
        MarathonEmulator emulator = emulator();
        MarathonAppsSource source = sseSource(emulator);
        awaitStream(emulator, source);
        Await.until("initial fetches done", () -> listener.count() >= 1 && source.resyncIdle());
        long requestsBefore = emulator.appsRequests();
        long eventsBefore = source.status().events();
        // sent raw: the emulator's own filter would drop a deployment_info on this stream
        emulator.sendRawToEventStreams("event: deployment_info\r\ndata: {\"eventType\":\"deployment_info\"}\r\n\r\n");
        Await.until("event received", () -> source.status().events() > eventsBefore);
        assertThat(source.resyncIdle()).isTrue();
        assertThat(emulator.appsRequests()).isEqualTo(requestsBefore);

        emulator.emitEvent("api_post_event");
        Await.until("the relevant event fetched", () -> emulator.appsRequests() == requestsBefore + 1);
    }

    @Test
    void reconnectsWhenTheStreamIsKilledAndResyncs() {
        MarathonEmulator emulator = emulator();
        MarathonAppsSource source = sseSource(emulator);
        awaitStream(emulator, source);
        Await.until("first snapshot", () -> listener.count() >= 1);

        emulator.killEventStreams();
        Await.until("reconnected", () -> source.status().reconnects() >= 1 && emulator.eventStreamCount() == 1
                && source.status().streamConnected());
        assertThat(source.status().lastError()).get().asString().contains("event stream");

        emulator.emitEvent("api_post_event");
        Http.post(emulator.url() + "/v2/apps", "{\"id\":\"/after-reconnect\"}");
        listener.awaitLatest("app posted after reconnect", s -> !app(s, "/after-reconnect").isMissingNode());
    }

    @Test
    void survivesGarbageOnTheStream() {
        MarathonEmulator emulator = emulator();
        MarathonAppsSource source = sseSource(emulator);
        awaitStream(emulator, source);
        emulator.sendRawToEventStreams("data: {not json\r\n\r\n\u0000\u00ff garbage :: \r\ndata\n\n:\n");
        emulator.sendRawToEventStreams("event: x\ndata: [1,2\n\n");
        Http.post(emulator.url() + "/v2/apps", "{\"id\":\"/after-garbage\"}");
        listener.awaitLatest("app posted after garbage", s -> !app(s, "/after-garbage").isMissingNode());
        assertThat(source.status().reconnects()).isZero();
    }

    @Test
    void reconnectsAfterMarathonIsStoppedAndRestarted() {
        MarathonEmulator emulator = emulator();
        MarathonAppsSource source = sseSource(emulator);
        awaitStream(emulator, source);
        Await.until("first snapshot", () -> listener.count() >= 1);

        emulator.stop();
        Await.until("stream lost", () -> !source.status().streamConnected() && source.status().reconnects() >= 1);
        source.requestResync();
        Await.until("fetch failure recorded", () -> source.status().failedFetches() >= 1);
        emulator.createApp("{\"id\":\"/while-down\"}");
        emulator.start();

        awaitStream(emulator, source);
        // the reconnect itself re-syncs, so the change made while the stream was down is seen
        listener.awaitLatest("app created while disconnected", s -> !app(s, "/while-down").isMissingNode());
    }

    @Test
    void aSilentStreamIsReconnected() {
        MarathonEmulator emulator = emulator();
        MarathonAppsSource source = source(MarathonClientOptions.of(List.of(URI.create(emulator.url()))), true,
                FAST.withStreamIdleTimeout(Duration.ofMillis(600)));
        Await.until("silence detected and reconnected", () -> source.status().reconnects() >= 2);
        assertThat(source.status().lastError()).get().asString().contains("silent");
        Await.until("connected again", () -> emulator.eventStreamCount() >= 1);
    }

    @Test
    void aMarathonThatNeverAnswersTimesOut() throws Exception {
        // a listening socket nobody accepts on: connections succeed, no byte ever comes back
        try (ServerSocket blackHole = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            MarathonClientOptions options = MarathonClientOptions.of(
                    List.of(URI.create("http://127.0.0.1:" + blackHole.getLocalPort())))
                    .withTimeouts(Duration.ofMillis(500), Duration.ofMillis(500));
            MarathonAppsSource source = source(options, true, FAST);
            Await.until("stream timeout", () -> source.status().reconnects() >= 1);
            Await.until("fetch timeout", () -> source.status().failedFetches() >= 1);
            assertThat(listener.count()).isZero();
        }
    }

    @Test
    void aQuietHealthyStreamOutlivesTheRequestTimeout() throws Exception {
        MarathonEmulator emulator = emulator();
        MarathonClientOptions options = MarathonClientOptions.of(List.of(URI.create(emulator.url())))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(300));
        MarathonAppsSource source = source(options, true, FAST);
        awaitStream(emulator, source);
        long quietUntil = System.nanoTime() + Duration.ofMillis(1500).toNanos();
        Await.until("five request timeouts passed", () -> System.nanoTime() > quietUntil);
        assertThat(source.status().reconnects()).isZero();
        assertThat(source.status().streamConnected()).isTrue();
    }

    @Test
    void failsOverToTheNextUrlAndSticksToIt() throws Exception {
        MarathonEmulator emulator = emulator();
        emulator.createApp("{\"id\":\"/web\"}");
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        String down = "http://127.0.0.1:" + closedPort;
        MarathonClientOptions options = MarathonClientOptions.of(List.of(URI.create(down), URI.create(emulator.url())));

        MarathonClient client = new MarathonClient(options);
        AppsSnapshot snapshot = client.fetchApps(Clock.systemUTC());
        assertThat(snapshot.sourceUrl()).isEqualTo(emulator.url());
        assertThat(snapshot.json()).contains("/web");
        assertThat(client.preferredUrl()).isEqualTo(URI.create(emulator.url()));

        MarathonAppsSource source = source(options, true, FAST);
        listener.awaitLatest("apps through failover", s -> !app(s, "/web").isMissingNode());
        // the stream tries the dead URL first, then moves on to the next
        awaitStream(emulator, source);
        assertThat(source.status().reconnects()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void allUrlsDownIsReportedNotThrown() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        MarathonAppsSource source = source(MarathonClientOptions.of(List.of(
                URI.create("http://127.0.0.1:" + closedPort), URI.create("http://127.0.0.1:" + closedPort + "/"))),
                false, FAST);
        Await.until("failure recorded", () -> source.status().failedFetches() >= 1);
        assertThat(source.status().lastError()).get().asString().startsWith("all Marathon URLs failed");
        assertThat(listener.count()).isZero();
    }

    @Test
    void pollModeFetchesEveryIntervalWithoutAStream() {
        MarathonEmulator emulator = emulator();
        MarathonAppsSource source = source(MarathonClientOptions.of(List.of(URI.create(emulator.url()))), false,
                FAST.withPollInterval(Duration.ofMillis(200)));
        Await.until("three polls", () -> listener.count() >= 3);
        emulator.createApp("{\"id\":\"/polled\"}");
        listener.awaitLatest("polled app", s -> !app(s, "/polled").isMissingNode());
        assertThat(emulator.eventStreamCount()).isZero();
        assertThat(source.status().reconnects()).isZero();
    }

    @Test
    void badAnswersAreReportedAndTheSourceKeepsGoing() {
        MarathonEmulator emulator = emulator();
        MarathonAppsSource source = sseSource(emulator);
        awaitStream(emulator, source);
        Await.until("first snapshot", () -> listener.count() >= 1);
        // The start and the stream's opening each ask for a fetch: let both finish first.
        Await.until("no fetch running or queued", source::resyncIdle);
        int before = listener.count();

        emulator.appsFault(AppsFault.HTTP_500);
        emulator.emitEvent("api_post_event");
        Await.until("500 reported", () -> source.status().lastError().orElse("").contains("HTTP 500"));

        emulator.appsFault(AppsFault.INVALID_JSON);
        emulator.emitEvent("api_post_event");
        Await.until("invalid JSON reported", () -> source.status().lastError().orElse("").contains("invalid JSON"));
        assertThat(listener.count()).isEqualTo(before);
        assertThat(source.status().failedFetches()).isGreaterThanOrEqualTo(2);

        emulator.appsFault(AppsFault.NONE);
        emulator.createApp("{\"id\":\"/recovered\"}");
        listener.awaitLatest("recovered", s -> !app(s, "/recovered").isMissingNode());
    }

    @Test
    void aFailedFetchIsRetriedWithoutWaitingForThePollInterval() {
        MarathonEmulator emulator = emulator();
        emulator.appsFault(AppsFault.HTTP_500);
        emulator.createApp("{\"id\":\"/web\"}");
        MarathonAppsSource source = source(MarathonClientOptions.of(List.of(URI.create(emulator.url()))), false,
                FAST.withPollInterval(Duration.ofHours(1)));
        Await.until("first failure", () -> source.status().failedFetches() >= 1);
        emulator.appsFault(AppsFault.NONE);
        listener.awaitLatest("retried fetch", s -> !app(s, "/web").isMissingNode());
    }

    @Test
    void stopEndsTheStreamAndTheTimers() {
        MarathonEmulator emulator = emulator();
        MarathonAppsSource source = sseSource(emulator);
        awaitStream(emulator, source);
        source.stop();
        Await.until("stream closed", () -> emulator.eventStreamCount() == 0);
        int count = listener.count();
        emulator.createApp("{\"id\":\"/after-stop\"}");
        emulator.emitEvent("api_post_event");
        assertThat(listener.count()).isEqualTo(count);
    }
}
