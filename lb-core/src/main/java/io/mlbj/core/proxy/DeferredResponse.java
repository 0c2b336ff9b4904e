package io.mlbj.core.proxy;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A local answer that is built off the event loop (a large stats page): a {@link LocalServices} returns
 * it in place of the answer, and the client connection writes the real answer, on its own event loop,
 * once {@code answer} completes (a failure becomes a 500). Its own status and headers are never sent.
 */
public final class DeferredResponse extends DefaultFullHttpResponse {
    private final CompletionStage<FullHttpResponse> answer;

    /** A placeholder for {@code answer}. */
    public DeferredResponse(CompletionStage<FullHttpResponse> answer) {
        super(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.EMPTY_BUFFER);
        this.answer = requireNonNull(answer, "answer");
    }

    /** The answer being built. */
    public CompletionStage<FullHttpResponse> answer() {
        return answer;
    }

    /** Calls {@code then} on {@code loop} with the answer (or a 500 when building it failed). */
    void whenReady(EventExecutor loop, Consumer<FullHttpResponse> then) {
        answer.whenComplete((response, failure) -> {
            FullHttpResponse r = failure == null && response != null
                    ? response : ErrorResponses.of(HttpResponseStatus.INTERNAL_SERVER_ERROR);
            try {
                loop.execute(() -> then.accept(r));
            } catch (RuntimeException e) {
                // The loop is shutting down: the connection is gone with it.
                ReferenceCountUtil.release(r);
            }
        });
    }
}
