package io.mlbj.marathon.api;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * One open {@code /v2/events} stream: decodes the body as UTF-8, feeds the {@link SseParser} and
 * hands events to a listener; {@link #done()} completes (always exceptionally, with the reason)
 * when the stream ends, fails or is aborted, for instance because it stayed silent too long.
 */
public final class EventStreamConnection implements Flow.Subscriber<List<ByteBuffer>> {

    /** Receives what happens on the stream, on the HTTP client's threads, one call at a time. */
    public interface Listener {
        /** The server answered 200 and the stream is open. */
        void onOpen(URI uri);

        /** One dispatched event. */
        void onEvent(SseEvent event);
    }

    private final URI uri;
    private final Listener listener;
    private final Clock clock;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final SseParser parser = new SseParser();
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final CharBuffer chars = CharBuffer.allocate(8192);
    private ByteBuffer carry = ByteBuffer.allocate(0);
    private final Instant createdAt;
    private volatile Instant lastActivity;
    private volatile boolean open;
    private volatile Flow.Subscription subscription;
    private volatile CompletableFuture<?> response;

    EventStreamConnection(URI uri, Listener listener, Clock clock) {
        this.uri = requireNonNull(uri, "uri");
        this.listener = requireNonNull(listener, "listener");
        this.clock = requireNonNull(clock, "clock");
        this.createdAt = clock.instant();
        this.lastActivity = createdAt;
    }

    /** The full URL of the stream, with its event filter. */
    public URI uri() {
        return uri;
    }

    /** Completes exceptionally with the reason the stream ended. */
    public CompletableFuture<Void> done() {
        return done;
    }

    /** How long the stream has been open (or trying to open). */
    public Duration lifetime() {
        return Duration.between(createdAt, clock.instant());
    }

    /** How long nothing arrived, not even a keep-alive comment. */
    public Duration silence() {
        return Duration.between(lastActivity, clock.instant());
    }

    /** Closes the stream and completes {@link #done()} with {@code reason}; idempotent. */
    public void abort(Exception reason) {
        fail(reason);
    }

    void attach(CompletableFuture<?> responseFuture) {
        this.response = responseFuture;
        if (done.isDone()) {
            responseFuture.cancel(true);
        }
    }

    /** Whether the server answered 200 (the stream may have ended since; see {@link #done()}). */
    public boolean isOpen() {
        return open;
    }

    void opened() {
        open = true;
        lastActivity = clock.instant();
        if (!done.isDone()) {
            listener.onOpen(uri);
        }
    }

    void fail(Exception reason) {
        if (done.completeExceptionally(reason)) {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
            CompletableFuture<?> r = response;
            if (r != null) {
                r.cancel(true);
            }
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (done.isDone()) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        lastActivity = clock.instant();
        for (ByteBuffer buffer : buffers) {
            decode(buffer);
        }
        if (!done.isDone()) {
            subscription.request(1);
        }
    }

    private void decode(ByteBuffer buffer) {
        ByteBuffer in = buffer;
        if (carry.hasRemaining()) {
            in = ByteBuffer.allocate(carry.remaining() + buffer.remaining()).put(carry).put(buffer).flip();
        }
        CoderResult result;
        do {
            // OVERFLOW: chars is full, decode more; UNDERFLOW: input used up or an incomplete sequence left
            result = decoder.decode(in, chars, false);
            chars.flip();
            for (SseEvent event : parser.feed(chars)) {
                if (done.isDone()) {
                    return;
                }
                listener.onEvent(event);
            }
            chars.clear();
            if (parser.overflowed()) {
                fail(new MarathonException(uri + ": an event longer than " + SseParser.DEFAULT_MAX_EVENT_CHARS
                        + " characters; the stream is dropped", true, null));
                return;
            }
        } while (result.isOverflow());
        carry = in.hasRemaining() ? ByteBuffer.allocate(in.remaining()).put(in).flip() : ByteBuffer.allocate(0);
    }

    @Override
    public void onError(Throwable error) {
        fail(new MarathonException(uri + ": event stream failed: " + MarathonClient.describe(error), true, error));
    }

    @Override
    public void onComplete() {
        fail(new MarathonException(uri + ": event stream ended", true, null));
    }
}
