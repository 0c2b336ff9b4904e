package io.mlbj.core.proxy;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.SingleThreadEventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/**
 * Flushes channels once, when the event loop has handled every socket that was ready, instead of at each
 * read's end. HAProxy sends what a task produced when its polling round ends; a proxy that flushes inside
 * each read-complete sends the answer to one client before it has read the next server's answer, so the
 * load tool (or any client sharing the cores) is woken once per response rather than once per round, and
 * it then preempts the proxy in the middle of the round. Deferring the flush to the end of the iteration
 * gives the same batching as HAProxy; the measured effect is in docs/performance.md, section "Sends at the
 * end of the loop's iteration". Off the loop (another thread, an embedded channel in tests) it flushes at
 * once. One per event-loop thread, used by that thread only.
 */
final class IterationFlusher implements Runnable {
    private static final FastThreadLocal<IterationFlusher> CURRENT = new FastThreadLocal<>() {
        @Override
        protected IterationFlusher initialValue() {
            return new IterationFlusher();
        }
    };

    private final List<Channel> pending = new ArrayList<>();

    private IterationFlusher() {
    }

    /** Flushes {@code channel} at the end of its loop's current iteration, or now when that cannot be arranged. */
    static void flushLater(Channel channel) {
        EventLoop loop = channel.eventLoop();
        if (!(loop instanceof SingleThreadEventLoop singleThread) || !loop.inEventLoop()) {
            channel.flush();
            return;
        }
        CURRENT.get().add(singleThread, channel);
    }

    private void add(SingleThreadEventLoop loop, Channel channel) {
        if (pending.isEmpty()) {
            try {
                loop.executeAfterEventLoopIteration(this);
            } catch (RejectedExecutionException shuttingDown) {
                channel.flush();
                return;
            }
        }
        pending.add(channel);
    }

    @Override
    public void run() {
        // A flush can close a channel and run listeners that defer further flushes: those join this round.
        for (int i = 0; i < pending.size(); i++) {
            pending.get(i).flush();
        }
        pending.clear();
    }
}
