package io.mlbj.marathon.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Marathon's HTTP API as marathon-lb uses it: {@code GET /v2/apps?embed=apps.tasks} with failover
 * over several URLs (sticking to the last one that answered) and {@code GET /v2/events} as a
 * server-sent-event stream; redirects to the leader are followed with the credentials kept.
 *
 * <p>Built on the JDK's {@link HttpClient}: it streams a body to a {@code Flow.Subscriber} without
 * a blocking thread per stream, does TLS with a plain {@code SSLContext} and needs no event loop of
 * its own, which is all a client of two endpoints needs.
 */
public final class MarathonClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER_AGENT = "mlbj-marathon-lb";

    private final MarathonClientOptions options;
    private final HttpClient http;
    private final AtomicInteger preferred = new AtomicInteger();
    private final AtomicInteger nextStream = new AtomicInteger();

    /** Creates a client; no connection is made until the first call. */
    public MarathonClient(MarathonClientOptions options) {
        this.options = requireNonNull(options, "options");
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(options.connectTimeout());
        options.sslContext().ifPresent(builder::sslContext);
        this.http = builder.build();
    }

    /** The URL the next API call tries first (the last one that answered). */
    public URI preferredUrl() {
        List<URI> urls = options.marathonUrls();
        return urls.get(Math.floorMod(preferred.get(), urls.size()));
    }

    /** The base URL the next event stream connects to; every call moves on to the next one. */
    public URI nextStreamUrl() {
        List<URI> urls = options.marathonUrls();
        return urls.get(Math.floorMod(nextStream.getAndIncrement(), urls.size()));
    }

    /**
     * Fetches all apps with their tasks, trying each URL from the preferred one on; throws the last
     * error when none answered with a valid apps document.
     */
    public AppsSnapshot fetchApps(Clock clock) throws MarathonException {
        List<URI> urls = options.marathonUrls();
        int start = Math.floorMod(preferred.get(), urls.size());
        MarathonException last = null;
        StringBuilder failures = new StringBuilder();
        for (int i = 0; i < urls.size(); i++) {
            int index = (start + i) % urls.size();
            URI base = urls.get(index);
            try {
                String body = getApps(base);
                preferred.set(index);
                return new AppsSnapshot(body, clock.instant(), base.toString());
            } catch (MarathonException e) {
                last = e;
                if (failures.length() > 0) {
                    failures.append("; ");
                }
                failures.append(e.getMessage());
                if (!e.failover()) {
                    throw e;
                }
            }
        }
        if (urls.size() == 1) {
            throw last;
        }
        throw new MarathonException("all Marathon URLs failed: " + failures, true, last);
    }

    /** Opens the event stream at {@code base}; the returned connection reports its end in {@code done()}. */
    public EventStreamConnection openEventStream(URI base, EventStreamConnection.Listener listener, Clock clock) {
        URI uri = resolve(base, "/v2/events", MarathonEvents.EVENTS_QUERY);
        EventStreamConnection connection = new EventStreamConnection(uri, listener, clock);
        sendStream(connection, uri, 0);
        long timeout = options.connectTimeout().plus(options.requestTimeout()).toNanos();
        CompletableFuture.delayedExecutor(timeout, TimeUnit.NANOSECONDS).execute(() -> {
            if (!connection.isOpen()) {
                connection.fail(new MarathonException(uri + ": event stream not answered within "
                        + TimeUnit.NANOSECONDS.toMillis(timeout) + " ms", true, null));
            }
        });
        return connection;
    }

    private void sendStream(EventStreamConnection connection, URI uri, int redirects) {
        // no HttpRequest.timeout: the JDK applies it to the whole body, which would cut a healthy stream
        HttpRequest request = request(uri)
                .header("Accept", "text/event-stream")
                .header("Cache-Control", "no-cache")
                .build();
        CompletableFuture<HttpResponse<Void>> response = http.sendAsync(request, info -> {
            if (info.statusCode() == 200) {
                connection.opened();
                return HttpResponse.BodySubscribers.fromSubscriber(connection, s -> null);
            }
            return HttpResponse.BodySubscribers.discarding();
        });
        connection.attach(response);
        response.whenComplete((r, error) -> {
            if (error != null) {
                connection.fail(new MarathonException(uri + ": event stream failed: " + describe(error), true, error));
                return;
            }
            int status = r.statusCode();
            if (status == 200) {
                connection.fail(new MarathonException(uri + ": event stream ended", true, null));
            } else if (isRedirect(status) && redirects < options.maxRedirects()
                    && r.headers().firstValue("Location").isPresent()) {
                URI target = uri.resolve(r.headers().firstValue("Location").get());
                sendStream(connection, target, redirects + 1);
            } else {
                connection.fail(new MarathonException(uri + ": event stream answered HTTP " + status, true, null));
            }
        });
    }

    private String getApps(URI base) throws MarathonException {
        URI uri = resolve(base, "/v2/apps", MarathonEvents.APPS_QUERY);
        for (int redirects = 0; ; redirects++) {
            HttpRequest request = request(uri)
                    .header("Accept", "application/json")
                    .timeout(options.requestTimeout())
                    .build();
            HttpResponse<String> response;
            try {
                response = http.send(request, BodyHandlers.ofString());
            } catch (IOException e) {
                throw new MarathonException(uri + ": " + describe(e), true, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MarathonException(uri + ": interrupted", false, e);
            }
            int status = response.statusCode();
            if (isRedirect(status) && response.headers().firstValue("Location").isPresent()) {
                if (redirects >= options.maxRedirects()) {
                    throw new MarathonException(uri + ": more than " + options.maxRedirects() + " redirects", true, null);
                }
                uri = uri.resolve(response.headers().firstValue("Location").get());
                continue;
            }
            if (status / 100 != 2) {
                throw new MarathonException(uri + ": HTTP " + status + snippet(response.body()), status >= 500, null);
            }
            validateApps(uri, response.body());
            return response.body();
        }
    }

    private static void validateApps(URI uri, String body) throws MarathonException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new MarathonException(uri + ": invalid JSON" + where + ": " + e.getOriginalMessage(), true, e);
        }
        if (root == null || !root.path("apps").isArray()) {
            throw new MarathonException(uri + ": answer has no \"apps\" array" + snippet(body), true, null);
        }
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).GET().header("User-Agent", USER_AGENT);
        options.credentials().ifPresent(c -> builder.header("Authorization", c.basicHeader()));
        return builder;
    }

    private static URI resolve(URI base, String path, String query) {
        String prefix = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        return URI.create(base.getScheme() + "://" + base.getRawAuthority() + prefix + path + "?" + query);
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static String snippet(String body) {
        if (body == null || body.isEmpty()) {
            return "";
        }
        String oneLine = body.replaceAll("\\s+", " ");
        return ": " + (oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine);
    }

    static String describe(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && (t.getMessage() == null || t instanceof java.util.concurrent.CompletionException)) {
            t = t.getCause();
        }
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
