package io.mlbj.core.health;

import io.mlbj.core.pool.ServerTlsHandlers;
import io.mlbj.core.routing.HealthCheck;
import io.mlbj.core.routing.Server;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.channel.IoEventLoop;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.concurrent.SucceededFuture;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks of one server: confined to one event loop, one scheduled task at a time (the next check,
 * or the deadline of the check in flight), one connection per check, nothing else allocated per check
 * while the state does not change. Other threads read its {@link CheckResults} only.
 */
final class CheckedServer implements Runnable, ChannelFutureListener {
    private static final Logger log = LoggerFactory.getLogger(CheckedServer.class);
    /** HAProxy's {@code max-spread-checks} as marathon-lb sets it: the first checks start within 15 s. */
    private static final long MAX_FIRST_SPREAD_NANOS = TimeUnit.SECONDS.toNanos(15);
    private static final int CONNECTING = 0;
    private static final int HANDSHAKING = 1;
    private static final int AWAITING_STATUS = 2;

    private final HealthKey key;
    private final EventLoop loop;
    private final ServerTlsHandlers tls;
    /** TLS checks, host names, NIO loops. */
    private final CheckChannels channels;
    private final boolean epoll;
    /** Plain checks of IP targets without a channel; null when the loop is not epoll. */
    private final EpollCheckSocket bareSocket;

    private final CheckResults results;

    // Settings of the check; replaced on the loop by update().
    private Server server;
    private HealthCheck check;
    private InetSocketAddress target;
    private byte[] request;
    private boolean useTls;
    private boolean delayAck;
    private boolean bare;

    // The check in progress; touched on the loop only.
    private byte[] head = new byte[HttpCheckCodec.STATUS_LINE_BYTES];
    private Pattern expectRegex;
    private int headLength;
    private Channel inFlight;
    private int phase;
    private final CheckListener listener;
    private long startNanos;
    private ScheduledFuture<?> timer;
    private boolean stopped;
    private boolean tlsHandlerFailed;
    private boolean tlsFailureLogged;

    CheckedServer(HealthKey key, Server server, EventLoop loop, Class<? extends Channel> channelType,
            ServerTlsHandlers tls, CheckListener listener) {
        this.key = key;
        this.listener = listener;
        this.loop = loop;
        this.tls = tls;
        this.results = new CheckResults(key, server);
        this.epoll = EpollSocketChannel.class.isAssignableFrom(channelType);
        this.channels = new CheckChannels(loop, channelType, new CheckProbeHandler(this));
        this.bareSocket = EpollCheckSocket.supports(loop) ? new EpollCheckSocket(this, (IoEventLoop) loop) : null;
        settings(server);
    }

    private void settings(Server s) {
        HealthCheck c = s.check();
        server = s;
        check = c;
        target = CheckChannels.address(s.host(), c.port() != 0 ? c.port() : s.port());
        request = c.isHttp() ? HttpCheckCodec.request(c) : null;
        expectRegex = c.expect() == null ? null : c.expect().regex();
        int answerBytes = c.expect() != null && c.expect().readsBody()
                ? HttpCheckCodec.BODY_CHECK_BYTES : HttpCheckCodec.STATUS_LINE_BYTES;
        if (head.length != answerBytes) {
            // Settings may change while a check is in flight (update): keep what it has read.
            head = Arrays.copyOf(head, answerBytes);
            headLength = Math.min(headLength, answerBytes);
        }
        // HAProxy: checks of an ssl server use TLS unless they go to another port.
        useTls = s.tls() != null && c.port() == 0;
        // HAProxy's connect-only check: the ACK of the SYN-ACK is delayed and the RST sent first, so the
        // server's kernel never completes the handshake (nothing to accept, less work on both sides).
        delayAck = epoll && request == null && !useTls;
        channels.delayAck(delayAck);
        bare = bareSocket != null && !useTls && !target.isUnresolved();
    }

    /** Schedules the first check at a random point of the first interval (HAProxy spreads first checks too). */
    void begin() {
        loop.execute(() -> {
            if (stopped) {
                return;
            }
            long spread = Math.min(check.interval().toNanos(), MAX_FIRST_SPREAD_NANOS);
            timer = loop.schedule(this, ThreadLocalRandom.current().nextLong(spread + 1), TimeUnit.NANOSECONDS);
        });
    }

    /** What other threads may read: the results and state. */
    CheckResults results() {
        return results;
    }

    /** Takes {@code next} (same key, other settings) into use from the next check; the state is kept. */
    void update(Server next) {
        if (next.equals(results.server())) {
            return;
        }
        loop.execute(() -> {
            results.settings(next);
            settings(next);
        });
    }

    /** Stops checking: cancels the next check, closes the one in flight; the future completes when done. */
    Future<?> end() {
        try {
            return loop.submit(this::stop);
        } catch (RejectedExecutionException e) {
            // The loop is shutting down: it closes its channels itself.
            return new SucceededFuture<>(loop, null);
        }
    }

    private void stop() {
        stopped = true;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        if (inFlight != null) {
            Channel ch = inFlight;
            inFlight = null;
            ch.close();
        }
        if (bareSocket != null) {
            bareSocket.close();
        }
    }

    /** The timer: starts the next check, or ends the one in flight at its deadline. */
    @Override
    public void run() {
        timer = null;
        if (stopped) {
            return;
        }
        if (inFlight == null && (bareSocket == null || !bareSocket.isOpen())) {
            start();
        } else {
            finish(phase == CONNECTING ? CheckStatus.L4TOUT
                    : phase == HANDSHAKING ? CheckStatus.L6TOUT : CheckStatus.L7TOUT, 0);
        }
    }

    private void start() {
        startNanos = System.nanoTime();
        phase = CONNECTING;
        headLength = 0;
        tlsHandlerFailed = false;
        if (bare) {
            if (bareSocket.open(target, delayAck, request)) {
                scheduleDeadline();
            } else {
                failedToStart();
            }
            return;
        }
        ChannelFuture f;
        try {
            f = channels.connect(target);
        } catch (RuntimeException e) {
            // Most failures (e.g. no file descriptor left) come in the future; keep checking anyway.
            log.debug("health check of {}/{} could not start", key.backend(), key.server(), e);
            failedToStart();
            return;
        }
        inFlight = f.channel();
        scheduleDeadline();
        f.addListener(this);
    }

    private void failedToStart() {
        long now = System.nanoTime();
        results.record(CheckStatus.L4CON, 0, now - startNanos);
        listener.checked(key.backend(), key.server(), false);
        scheduleNext(now);
    }

    private void scheduleDeadline() {
        Duration timeout = check.timeout().isZero() ? check.interval() : check.timeout();
        timer = loop.schedule(this, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Whether the checks use the bare socket of {@link EpollCheckSocket} (for tests). */
    boolean usesBareSocket() {
        return bare;
    }

    /** The bare socket's connect failed (SO_ERROR set: refused, unreachable). */
    void bareRefused() {
        finish(CheckStatus.L4CON, 0);
    }

    /** The bare socket is connected; {@code sendsRequest}: an HTTP check, whose request goes out next. */
    void bareConnected(boolean sendsRequest) {
        if (!sendsRequest) {
            finish(CheckStatus.L4OK, 0);
        } else {
            phase = AWAITING_STATUS;
        }
    }

    /** How many more answer bytes the check reads. */
    int answerRoom() {
        return head.length - headLength;
    }

    /** {@code n} answer bytes arrived in {@code buffer} (from 0). */
    void bareReceived(ByteBuffer buffer, int n) {
        n = Math.min(n, head.length - headLength);
        buffer.get(0, head, headLength, n);
        headLength += n;
        statusLine(false);
    }

    /** The server closed the bare socket's connection. */
    void bareEnded() {
        statusLine(true);
    }

    /** Sending or receiving on the bare socket failed (e.g. reset): as {@link #failed}. */
    void bareBroken() {
        finish(CheckStatus.L7RSP, 0);
    }

    /** The connect attempt completed. */
    @Override
    public void operationComplete(ChannelFuture f) {
        if (f.channel() != inFlight) {
            return;
        }
        if (tlsHandlerFailed) {
            finish(CheckStatus.L6RSP, 0);
        } else if (!f.isSuccess()) {
            finish(f.cause() instanceof ConnectTimeoutException ? CheckStatus.L4TOUT : CheckStatus.L4CON, 0);
        } else if (useTls) {
            phase = HANDSHAKING;
        } else {
            connected(f.channel());
        }
    }

    boolean usesTls() {
        return useTls;
    }

    Server server() {
        return server;
    }

    ServerTlsHandlers tlsHandlers() {
        return tls;
    }

    /**
     * The TLS handler could not be made (no TLS support installed, bad settings): called while the
     * connection registers, before the connect; the check then fails with L6RSP.
     */
    void tlsUnavailable(Channel ch, RuntimeException e) {
        tlsHandlerFailed = true;
        if (!tlsFailureLogged) {
            tlsFailureLogged = true;
            log.warn("health checks of {}/{} cannot use TLS: {}", key.backend(), key.server(), e.getMessage());
        }
        ch.close();
    }

    void tlsDone(Channel ch, boolean success) {
        if (ch != inFlight || phase != HANDSHAKING) {
            return;
        }
        if (success) {
            connected(ch);
        } else {
            finish(CheckStatus.L6RSP, 0);
        }
    }

    private void connected(Channel ch) {
        if (request == null) {
            finish(useTls ? CheckStatus.L6OK : CheckStatus.L4OK, 0);
            return;
        }
        phase = AWAITING_STATUS;
        ch.writeAndFlush(ch.alloc().buffer(request.length).writeBytes(request), ch.voidPromise());
    }

    void received(Channel ch, ByteBuf data) {
        if (ch != inFlight || phase != AWAITING_STATUS) {
            return;
        }
        int n = Math.min(data.readableBytes(), head.length - headLength);
        data.getBytes(data.readerIndex(), head, headLength, n);
        headLength += n;
        statusLine(false);
    }

    void closed(Channel ch) {
        if (ch != inFlight) {
            return;
        }
        if (phase == HANDSHAKING) {
            finish(CheckStatus.L6RSP, 0);
        } else if (phase == AWAITING_STATUS) {
            statusLine(true);
        }
        // CONNECTING: the connect future reports.
    }

    void failed(Channel ch, Throwable cause) {
        if (ch != inFlight || phase == CONNECTING) {
            return;
        }
        finish(phase == HANDSHAKING ? CheckStatus.L6RSP : CheckStatus.L7RSP, 0);
    }

    private void statusLine(boolean ended) {
        int code = HttpCheckCodec.statusCode(head, headLength, ended);
        if (code == HttpCheckCodec.INVALID) {
            finish(CheckStatus.L7RSP, 0);
        } else if (code != HttpCheckCodec.NEED_MORE) {
            CheckStatus verdict = HttpCheckCodec.verdict(head, headLength, ended || headLength == head.length, code,
                    check, expectRegex);
            if (verdict != null) {
                finish(verdict, code);
            }
        }
    }

    private void finish(CheckStatus status, int code) {
        Channel ch = inFlight;
        inFlight = null;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        if (ch != null) {
            ch.close();
        } else {
            bareSocket.close();
        }
        long now = System.nanoTime();
        results.record(status, code, now - startNanos);
        listener.checked(key.backend(), key.server(), status.passed());
        scheduleNext(now);
    }

    private void scheduleNext(long now) {
        long inter = results.nextInterval(check).toNanos();
        if (check.spreadPercent() > 0) {
            long jitter = inter * check.spreadPercent() / 100;
            inter += ThreadLocalRandom.current().nextLong(-jitter, jitter + 1);
        }
        // As HAProxy: the interval counts from the start of the check; missed slots are skipped.
        long next = startNanos + inter;
        if (next <= now) {
            next += ((now - next) / inter + 1) * inter;
        }
        timer = loop.schedule(this, next - now, TimeUnit.NANOSECONDS);
    }
}
