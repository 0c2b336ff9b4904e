package io.mlbj.marathon.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.routing.BindAddress;
import io.mlbj.marathon.api.AppsSource;
import io.mlbj.marathon.emulator.HttpEchoTaskLauncher;
import io.mlbj.marathon.emulator.MarathonEmulator;
import io.mlbj.marathon.testing.Await;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The daemon as the command line builds it, fed by a Marathon emulator whose tasks are real HTTP echo
 * servers, serving through the real engine; every listener is on an ephemeral port.
 *
 * <p>Each test app gets its own frontend on {@code 127.0.0.N:0} ({@code HAPROXY_0_BIND_ADDR},
 * {@code HAPROXY_0_PORT=0}), so no fixed port is ever bound.
 */
final class DaemonHarness implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    final HttpEchoTaskLauncher launcher = new HttpEchoTaskLauncher();
    final MarathonEmulator emulator =
            new MarathonEmulator(MarathonEmulator.Options.defaults().withLauncher(launcher)).start();
    LoadBalancerSink runtime;
    MarathonLbDaemon daemon;

    /** Parses {@code args} exactly as the command line does and starts the daemon with them. */
    DaemonHarness startDaemon(String... args) {
        List<String> all = new ArrayList<>(List.of("--stats-port", "0", "--appid-port", "0",
                "--dont-bind-http-https", "--group", "test"));
        all.addAll(List.of(args));
        DaemonSettings settings = parse(all.toArray(String[]::new));
        AppsSource source = settings.source().open(Clock.systemUTC());
        runtime = LoadBalancerSink.start(settings);
        daemon = DaemonProcess.start(settings, source, runtime);
        return this;
    }

    /** The settings the command line makes of {@code args}; fails on a flag error. */
    static DaemonSettings parse(String... args) {
        AtomicReference<DaemonSettings> captured = new AtomicReference<>();
        StringWriter err = new StringWriter();
        int code = DaemonCommand.execute(new DaemonCommand(Map.of(), Path.of("does-not-exist"), s -> {
            captured.set(s);
            return 0;
        }), new PrintWriter(new StringWriter()), new PrintWriter(err), args);
        assertThat(code).as("exit code, stderr: %s", err).isZero();
        return captured.get();
    }

    /** An app of the test group with {@code instances} echo tasks, served on {@code 127.0.0.<n>:0}. */
    static String app(String id, int instances, int n, String... extraLabels) {
        StringBuilder labels = new StringBuilder("\"HAPROXY_GROUP\":\"test\",\"HAPROXY_0_MODE\":\"http\","
                + "\"HAPROXY_0_PORT\":\"0\",\"HAPROXY_0_BIND_ADDR\":\"127.0.0." + n + "\"");
        for (int i = 0; i + 1 < extraLabels.length; i += 2) {
            labels.append(",\"").append(extraLabels[i]).append("\":\"").append(extraLabels[i + 1]).append('"');
        }
        return "{\"id\":\"" + id + "\",\"cmd\":\"echo\",\"instances\":" + instances
                + ",\"portDefinitions\":[{\"port\":0}],\"labels\":{" + labels + "}}";
    }

    /** Waits until the daemon has accepted at least {@code syncs} configs in total. */
    void awaitAcceptedSyncs(long syncs) {
        Await.until("at least " + syncs + " accepted syncs", () -> {
            ConfigSyncStatus s = daemon.syncStatus();
            return s.syncs() - s.failures() >= syncs;
        });
    }

    /** The URL of the frontend bound at {@code 127.0.0.<n>:0}, once it exists. */
    String frontendUrl(int n) {
        Integer port = Await.value("a listener on 127.0.0." + n, () -> {
            InetSocketAddress bound = runtime.loadBalancer().boundAddress(new BindAddress("127.0.0." + n, 0));
            return bound == null ? null : bound.getPort();
        });
        return "http://127.0.0." + n + ":" + port;
    }

    /** A GET through the load balancer; a connection error is a response with status -1. */
    static Answer get(String url) {
        try {
            HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.headers().firstValue("X-Task-Id").orElse(""), r.body());
        } catch (IOException e) {
            return new Answer(-1, "", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One answer: status, the echo task that served it ({@code X-Task-Id}), body. */
    record Answer(int status, String taskId, String body) {}

    /** The task ids seen in {@code requests} GETs of {@code url} (roundrobin visits every server). */
    static java.util.Set<String> tasksServing(String url, int requests) {
        java.util.Set<String> seen = new java.util.TreeSet<>();
        for (int i = 0; i < requests; i++) {
            Answer a = get(url);
            if (a.status() == 200) {
                seen.add(a.taskId());
            }
        }
        return seen;
    }

    @Override
    public void close() {
        if (daemon != null) {
            daemon.close(Duration.ofSeconds(1));
        }
        emulator.close();
        launcher.close();
    }

    static void unchecked(IOException e) {
        throw new UncheckedIOException(e);
    }
}
