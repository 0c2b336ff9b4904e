package io.mlbj.marathon.api;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apps from a Marathon server: in event-stream mode ({@code --sse}) every relevant event, every
 * (re)connection and a timer trigger a coalesced full re-sync; in poll mode a timer alone does.
 * The stream is reconnected with capped, jittered backoff and when it stays silent too long.
 */
public final class MarathonAppsSource implements AppsSource {
    private static final Logger log = LoggerFactory.getLogger(MarathonAppsSource.class);

    private final MarathonClient client;
    private final boolean eventStream;
    private final SyncTimings timings;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final TaskScheduler scheduler;
    private final ReconnectBackoff backoff;
    private final ResyncScheduler resync;
    private final AtomicReference<SyncStatus> status;
    private final Object lock = new Object();

    private AppsListener listener;
    private boolean running;
    private EventStreamConnection stream;
    private TaskScheduler.Scheduled reconnect;

    /** Creates a source; {@code eventStream} = marathon-lb's {@code --sse}. */
    public MarathonAppsSource(MarathonClientOptions options, boolean eventStream, SyncTimings timings, Clock clock) {
        this.client = new MarathonClient(options);
        this.eventStream = eventStream;
        this.timings = requireNonNull(timings, "timings");
        this.clock = requireNonNull(clock, "clock");
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "marathon-sync");
            t.setDaemon(true);
            return t;
        });
        pool.setRemoveOnCancelPolicy(true);
        this.executor = pool;
        this.scheduler = TaskScheduler.of(executor);
        this.backoff = new ReconnectBackoff(timings.initialBackoff(), timings.maxBackoff(),
                timings.backoffResetAfter(), () -> ThreadLocalRandom.current().nextDouble());
        this.resync = new ResyncScheduler(scheduler, clock, timings.minResyncInterval(), this::fetch);
        this.status = new AtomicReference<>(SyncStatus.initial(options.marathonUrls().get(0).toString()));
    }

    @Override
    public void start(AppsListener appsListener) {
        synchronized (lock) {
            if (running || executor.isShutdown()) {
                throw new IllegalStateException("start: already started");
            }
            listener = requireNonNull(appsListener, "listener");
            running = true;
        }
        resync.request();
        Duration period = eventStream ? timings.resyncInterval() : timings.pollInterval();
        executor.scheduleWithFixedDelay(resync::request, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
        if (eventStream) {
            long check = Math.max(1, timings.streamIdleTimeout().toNanos() / 4);
            executor.scheduleWithFixedDelay(this::checkSilence, check, check, TimeUnit.NANOSECONDS);
            connect();
        }
    }

    @Override
    public void requestResync() {
        resync.request();
    }

    @Override
    public SyncStatus status() {
        return status.get();
    }

    /** How many fetches the coalescer started (for tests and the stats page). */
    public long fetchesStarted() {
        return resync.runs();
    }

    /** Whether no fetch is running or queued (for tests). */
    boolean resyncIdle() {
        return resync.isIdle();
    }

    @Override
    public void stop() {
        EventStreamConnection open;
        synchronized (lock) {
            running = false;
            open = stream;
            stream = null;
            if (reconnect != null) {
                reconnect.cancel();
            }
        }
        resync.stop();
        if (open != null) {
            open.abort(new MarathonException("source stopped", false, null));
        }
        executor.shutdownNow();
    }

    private void fetch() {
        if (!isRunning()) {
            return;
        }
        try {
            AppsSnapshot snapshot = client.fetchApps(clock);
            update(s -> s.withSuccess(snapshot.fetchedAt(), snapshot.sourceUrl()));
            AppsListener target;
            synchronized (lock) {
                target = running ? listener : null;
            }
            if (target != null) {
                target.onApps(snapshot);
            }
        } catch (MarathonException e) {
            log.warn("fetching apps failed: {}; retrying in {} ms", e.getMessage(), timings.initialBackoff().toMillis());
            update(s -> s.withFetchError(clock.instant(), e.getMessage()));
            // without a retry a failed fetch would wait for the next event or the periodic re-sync
            scheduler.schedule(timings.initialBackoff(), () -> {
                if (isRunning()) {
                    resync.request();
                }
            });
        }
    }

    private void connect() {
        URI base = client.nextStreamUrl();
        EventStreamConnection connection = client.openEventStream(base, new EventStreamConnection.Listener() {
            @Override
            public void onOpen(java.net.URI uri) {
                log.info("event stream open: {}", uri);
                update(s -> s.withStreamConnected(true));
                // events missed while disconnected are recovered by a full re-sync
                resync.request();
            }

            @Override
            public void onEvent(SseEvent event) {
                String type = MarathonEvents.typeOf(event);
                if (MarathonEvents.isRelevant(type)) {
                    resync.request();
                } else {
                    log.debug("ignored event {}", type);
                }
                // counted after the request, so whoever sees the count also sees its re-sync
                update(SyncStatus::withEvent);
            }
        }, clock);
        synchronized (lock) {
            if (!running) {
                connection.abort(new MarathonException("source stopped", false, null));
                return;
            }
            stream = connection;
        }
        connection.done().whenComplete((ignored, error) -> onStreamEnd(connection, error));
    }

    private void onStreamEnd(EventStreamConnection connection, Throwable error) {
        Duration delay = error instanceof StreamSilentException ? Duration.ZERO : backoff.next(connection.lifetime());
        synchronized (lock) {
            if (!running || stream != connection) {
                return;
            }
            stream = null;
            String message = error == null ? connection.uri() + ": event stream ended" : error.getMessage();
            log.warn("{}; reconnecting in {} ms", message, delay.toMillis());
            update(s -> s.withStreamError(clock.instant(), message).withReconnect());
            reconnect = scheduler.schedule(delay, this::reconnectNow);
        }
    }

    private void reconnectNow() {
        if (isRunning()) {
            connect();
        }
    }

    private void checkSilence() {
        EventStreamConnection open;
        synchronized (lock) {
            open = stream;
        }
        if (open != null && open.silence().compareTo(timings.streamIdleTimeout()) > 0) {
            open.abort(new StreamSilentException(open.uri() + ": event stream silent for "
                    + open.silence().toSeconds() + " s"));
        }
    }

    private boolean isRunning() {
        synchronized (lock) {
            return running;
        }
    }

    private void update(UnaryOperator<SyncStatus> change) {
        status.updateAndGet(change);
    }

    /** The stream was closed because nothing arrived for too long; reconnect at once. */
    static final class StreamSilentException extends Exception {
        private static final long serialVersionUID = 1L;

        StreamSilentException(String message) {
            super(message, null, false, false);
        }
    }
}
