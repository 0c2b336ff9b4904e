package io.mlbj.core.health;

import io.netty.channel.EventLoop;
import io.netty.channel.IoEvent;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoEvent;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.channel.epoll.LinuxSocket;
import io.netty.channel.unix.FileDescriptor;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * One server's check connection without a Netty channel: a bare non-blocking socket registered with its
 * epoll event loop through Netty's {@link EpollIoHandle} API (no pipeline, promise, config or attributes;
 * 8 system calls for a TCP check). Used for plain TCP and HTTP checks of IP-literal targets; at
 * most one check at a time; confined to the loop. Reports to its {@link CheckedServer}.
 */
final class EpollCheckSocket implements EpollIoHandle {
    // <netinet/in.h> and <netinet/tcp.h>: LinuxSocket.setTcpQuickAck is not public, setIntOpt is.
    private static final int IPPROTO_TCP = 6;
    private static final int TCP_QUICKACK = 12;
    private static final EpollIoOps CONNECT_ONLY = EpollIoOps.EPOLLOUT.with(EpollIoOps.EPOLLET);
    private static final EpollIoOps EXCHANGE = EpollIoOps.EPOLLOUT.with(EpollIoOps.EPOLLIN)
            .with(EpollIoOps.EPOLLRDHUP).with(EpollIoOps.EPOLLET);
    private static final int READABLE = EpollIoOps.EPOLLIN.value() | EpollIoOps.EPOLLRDHUP.value()
            | EpollIoOps.EPOLLERR.value();
    /** One direct buffer per event loop for every send and receive of its checks (used synchronously). */
    private static final FastThreadLocal<ByteBuffer> BUFFER = new FastThreadLocal<>() {
        @Override
        protected ByteBuffer initialValue() {
            return ByteBuffer.allocateDirect(HttpCheckCodec.BODY_CHECK_BYTES);
        }
    };

    private final CheckedServer owner;
    private final IoEventLoop loop;
    private LinuxSocket socket;
    private IoRegistration registration;
    private byte[] request;
    private int written;
    private boolean connected;

    EpollCheckSocket(CheckedServer owner, IoEventLoop loop) {
        this.owner = owner;
        this.loop = loop;
    }

    /** Whether checks on {@code loop} can use a bare socket: an epoll {@link IoEventLoop}. */
    static boolean supports(EventLoop loop) {
        try {
            return loop instanceof IoEventLoop io && io.isCompatible(EpollIoHandle.class);
        } catch (LinkageError e) {
            // No epoll classes on this platform.
            return false;
        }
    }

    /**
     * Opens a socket to {@code target} and starts connecting (RST on close; delayed ACK of the SYN-ACK when
     * {@code delayAck}); sends {@code request} once connected unless null. Returns false when the
     * connection could not even start (the check failed with L4CON; nothing is left open).
     */
    boolean open(InetSocketAddress target, boolean delayAck, byte[] request) {
        this.request = request;
        written = 0;
        connected = false;
        try {
            socket = LinuxSocket.newSocketStream(target.getAddress() instanceof Inet6Address);
        } catch (RuntimeException e) {
            // E.g. no file descriptor left.
            return false;
        }
        try {
            socket.setSoLinger(0);
            if (delayAck) {
                socket.setIntOpt(IPPROTO_TCP, TCP_QUICKACK, 0);
            }
            socket.connect(target);
            Future<IoRegistration> f = loop.register(this);
            if (!f.isSuccess()) {
                // Registration from the loop itself completes at once; anything else is a failure.
                throw new IOException("cannot register with the event loop", f.cause());
            }
            registration = f.getNow();
            registration.submit(request == null ? CONNECT_ONLY : EXCHANGE);
            return true;
        } catch (IOException | RuntimeException e) {
            // Refused at once, unreachable network, or a closed loop.
            close();
            return false;
        }
    }

    /** Whether a check is in flight on this socket. */
    boolean isOpen() {
        return socket != null;
    }

    @Override
    public FileDescriptor fd() {
        return socket;
    }

    @Override
    public void handle(IoRegistration r, IoEvent event) {
        if (socket == null) {
            return;
        }
        int ops = ((EpollIoEvent) event).ops().value();
        try {
            if (!connected) {
                if (socket.getSoError() != 0) {
                    owner.bareRefused();
                    return;
                }
                if ((ops & EpollIoOps.EPOLLOUT.value()) == 0) {
                    return;
                }
                connected = true;
                owner.bareConnected(request != null);
            }
            if (request == null || socket == null) {
                return;
            }
            if (written < request.length && !send()) {
                return;
            }
            if ((ops & READABLE) != 0) {
                receive();
            }
        } catch (IOException e) {
            if (connected) {
                owner.bareBroken();
            } else {
                owner.bareRefused();
            }
        }
    }

    /** Sends what is left of the request; true when all of it is sent. */
    private boolean send() throws IOException {
        ByteBuffer buffer = BUFFER.get();
        int length = request.length - written;
        buffer.clear();
        buffer.put(request, written, length);
        written += socket.send(buffer, 0, length);
        return written == request.length;
    }

    /** Reads until the socket has nothing more, the answer ends, or the owner has its verdict. */
    private void receive() throws IOException {
        ByteBuffer buffer = BUFFER.get();
        while (socket != null) {
            int room = Math.min(owner.answerRoom(), buffer.capacity());
            if (room == 0) {
                return;
            }
            int n = socket.recv(buffer, 0, room);
            if (n == 0) {
                return;
            }
            if (n < 0) {
                owner.bareEnded();
                return;
            }
            owner.bareReceived(buffer, n);
        }
    }

    /** Closes the socket (RST: SO_LINGER 0); the kernel drops it from the epoll set. */
    @Override
    public void close() {
        LinuxSocket s = socket;
        if (s == null) {
            return;
        }
        try {
            s.close();
        } catch (IOException e) {
            // The descriptor is released by the kernel whatever close reports.
        }
        IoRegistration r = registration;
        registration = null;
        if (r != null) {
            // The descriptor is closed already: no epoll_ctl(DEL), only Netty's own bookkeeping.
            r.cancel();
        }
        socket = null;
    }
}
