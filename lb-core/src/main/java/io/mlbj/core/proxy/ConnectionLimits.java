package io.mlbj.core.proxy;

import static java.util.Objects.requireNonNull;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.EventExecutor;
import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * HAProxy's {@code maxconn} at accept time: the one owner of the count of client connections over every
 * listener ({@code global maxconn}) and of each listener's own count (its frontend's {@code maxconn}).
 * When a limit is reached the listeners it concerns stop accepting, so new clients wait in the kernel's
 * backlog; when a connection closes they resume.
 *
 * <p>Every decision runs on the one accept loop that all listeners share: the listeners, their state
 * and the connections held back are confined to it. Only the counts (atomics), the limit and two
 * "someone is waiting" flags are touched by the I/O loops, when a connection closes. A connection that
 * the transport accepted in the same wake-up as the one that reached a limit is held, unread, until a
 * slot frees, never refused; the limits are therefore exact.
 */
public final class ConnectionLimits {
    // Descriptors kept for listeners, health checks, logs and the JVM; each proxied connection needs two.
    private static final int RESERVED_DESCRIPTORS = 100;

    private final EventExecutor acceptLoop;
    private final AtomicInteger open = new AtomicInteger();
    // Set while some listener waits for the global count to go below the limit.
    private final AtomicBoolean globalWaiters = new AtomicBoolean();
    private volatile int limit;
    private final Runnable updateAll = this::updateAll;
    // Confined to acceptLoop.
    private final List<ListenerGate> gates = new ArrayList<>();

    /**
     * Limits whose listeners all run on {@code acceptLoop}.
     *
     * @param configured {@code global maxconn}, 0 = not set (derived from the file-descriptor limit)
     */
    public ConnectionLimits(EventExecutor acceptLoop, int configured) {
        this.acceptLoop = requireNonNull(acceptLoop, "acceptLoop");
        this.limit = effectiveLimit(configured);
    }

    /**
     * The global limit in force for a configured {@code global maxconn}: the value itself, or when not set
     * (0) HAProxy's rule of thumb, two descriptors per connection out of the process's descriptor limit.
     */
    public static int effectiveLimit(int configured) {
        if (configured < 0) {
            throw new IllegalArgumentException("configured: " + configured + " (expected: >= 0)");
        }
        if (configured > 0) {
            return configured;
        }
        long fds = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean u) {
            fds = u.getMaxFileDescriptorCount();
        }
        if (fds <= 0) {
            return Integer.MAX_VALUE;
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (fds - RESERVED_DESCRIPTORS) / 2));
    }

    /**
     * Applies the limits of a new routing snapshot: its {@code global maxconn} (0 = derived from the
     * descriptor limit) and, through each listener's supplier, the frontends' own.
     */
    public void limit(int configured) {
        limit = effectiveLimit(configured);
        acceptLoop.execute(updateAll);
    }

    /** The global limit in force. */
    public int limit() {
        return limit;
    }

    /** Client connections open now, over every listener. */
    public int open() {
        return open.get();
    }

    /**
     * The handler to put first on one listener's pipeline (ahead of the bootstrap's acceptor).
     *
     * @param frontendLimit the listener's own {@code maxconn} now (its frontend's), 0 = none
     */
    public ChannelHandler listenerHandler(IntSupplier frontendLimit) {
        return new ListenerGate(requireNonNull(frontendLimit, "frontendLimit"));
    }

    /**
     * Lets a listener accept (once the limits allow): a listener bound in advance and now swapped in, or
     * one paused after an accept error.
     */
    public void resume(Channel listener) {
        onAcceptLoop(() -> {
            ListenerGate gate = gateOf(listener);
            if (gate != null) {
                gate.wanted = true;
                gate.update();
            } else {
                listener.config().setAutoRead(true);
            }
        });
    }

    /** Stops a listener from accepting until {@link #resume}, whatever the limits (e.g. after an accept error). */
    public void suspend(Channel listener) {
        onAcceptLoop(() -> {
            ListenerGate gate = gateOf(listener);
            if (gate != null) {
                gate.wanted = false;
            }
            listener.config().setAutoRead(false);
        });
    }

    private void onAcceptLoop(Runnable task) {
        if (acceptLoop.inEventLoop()) {
            task.run();
        } else {
            acceptLoop.execute(task);
        }
    }

    private ListenerGate gateOf(Channel listener) {
        for (ListenerGate g : gates) {
            if (g.listener == listener) {
                return g;
            }
        }
        return null;
    }

    private void updateAll() {
        for (int i = 0; i < gates.size(); i++) {
            gates.get(i).update();
        }
    }

    /** One listener: its own count, its state and the connections it holds back; confined to the accept loop. */
    private final class ListenerGate extends ChannelInboundHandlerAdapter implements ChannelFutureListener {
        private final IntSupplier frontendLimit;
        private final AtomicInteger ownOpen = new AtomicInteger();
        // Set while this listener waits for its own count to go below its frontend's limit.
        private final AtomicBoolean ownWaiters = new AtomicBoolean();
        private final Runnable update = this::update;
        private final ArrayDeque<Channel> held = new ArrayDeque<>();
        private ChannelHandlerContext ctx;
        private Channel listener;
        // Whether the listener is meant to accept when the limits allow (false while bound in advance).
        private boolean wanted;

        ListenerGate(IntSupplier frontendLimit) {
            this.frontendLimit = frontendLimit;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            assert acceptLoop.inEventLoop() : "listeners must run on the limits' accept loop";
            this.ctx = ctx;
            this.listener = ctx.channel();
            this.wanted = listener.config().isAutoRead();
            gates.add(this);
            // Before the pipeline's first read: a listener opened while a limit is reached does not accept.
            update();
            ctx.fireChannelActive();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            gates.remove(this);
            for (Channel child; (child = held.poll()) != null; ) {
                child.unsafe().closeForcibly();
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof Channel child)) {
                ctx.fireChannelRead(msg);
                return;
            }
            if (!allows()) {
                // Accepted by the transport in the same wake-up as the one that reached a limit.
                held.add(child);
                update();
                return;
            }
            admit(child);
            if (open.get() >= limit) {
                updateAll();
            } else {
                update();
            }
        }

        private void admit(Channel child) {
            ownOpen.incrementAndGet();
            open.incrementAndGet();
            child.closeFuture().addListener(this);
            ctx.fireChannelRead(child);
        }

        /** A connection of this listener closed (on its I/O loop). */
        @Override
        public void operationComplete(ChannelFuture closed) {
            int own = ownOpen.decrementAndGet();
            int all = open.decrementAndGet();
            if (all < limit && globalWaiters.compareAndSet(true, false)) {
                acceptLoop.execute(updateAll);
            } else if (ownWaiters.get() && ownAllows(own) && ownWaiters.compareAndSet(true, false)) {
                acceptLoop.execute(update);
            }
        }

        private boolean ownAllows(int own) {
            int max = frontendLimit.getAsInt();
            return max <= 0 || own < max;
        }

        private boolean allows() {
            return open.get() < limit && ownAllows(ownOpen.get());
        }

        /** Admits held connections and turns accepting on or off as the limits say now. */
        void update() {
            if (listener == null || !listener.isOpen()) {
                return;
            }
            while (true) {
                while (!held.isEmpty() && allows()) {
                    admit(held.poll());
                }
                if (allows()) {
                    if (wanted && !listener.config().isAutoRead()) {
                        listener.config().setAutoRead(true);
                    }
                    return;
                }
                if (listener.config().isAutoRead()) {
                    listener.config().setAutoRead(false);
                }
                if (open.get() >= limit) {
                    globalWaiters.set(true);
                }
                if (!ownAllows(ownOpen.get())) {
                    ownWaiters.set(true);
                }
                // A close before the flags were set did not schedule an update: look again.
                if (!allows()) {
                    return;
                }
            }
        }
    }
}
