package io.mlbj.core.pool;

import static java.util.Objects.requireNonNull;

import io.netty.util.NetUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server's host as a socket address, without blocking an event loop: an IP literal (what marathon-lb
 * renders) is parsed at once; a host name is looked up by the JVM's resolver (hosts file, DNS, the JVM's
 * address cache) on threads of its own, and the answer comes back on the asking loop. Netty's default
 * resolver would run that lookup on the loop itself and stall every connection of the loop meanwhile.
 */
public final class ServerAddressResolver {
    /** Looks a host name up; may block. */
    @FunctionalInterface
    public interface HostLookup {
        /** The address of {@code host}. */
        InetAddress lookup(String host) throws UnknownHostException;
    }

    /** The resolver every pool uses unless told otherwise: the JVM's {@code InetAddress.getByName}. */
    public static final ServerAddressResolver SYSTEM = new ServerAddressResolver(InetAddress::getByName, 4);

    private static final int MAX_PENDING = 1024;
    private static final AtomicInteger THREAD_IDS = new AtomicInteger();

    private final HostLookup lookup;
    private final ThreadPoolExecutor lookups;

    /** Looks names up with {@code lookup} on at most {@code threads} threads that end when idle. */
    public ServerAddressResolver(HostLookup lookup, int threads) {
        this.lookup = requireNonNull(lookup, "lookup");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        lookups = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(MAX_PENDING), r -> {
            Thread t = new Thread(r, "lb-resolve-" + THREAD_IDS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        lookups.allowCoreThreadTimeOut(true);
    }

    /** The address of {@code host}:{@code port}; the future completes on {@code loop}. */
    public Future<InetSocketAddress> resolve(String host, int port, EventExecutor loop) {
        byte[] ip = NetUtil.createByteArrayFromIpAddressString(host);
        if (ip != null) {
            try {
                return loop.newSucceededFuture(new InetSocketAddress(InetAddress.getByAddress(host, ip), port));
            } catch (UnknownHostException cannotHappen) {
                return loop.newFailedFuture(cannotHappen);
            }
        }
        Promise<InetSocketAddress> answer = loop.newPromise();
        try {
            lookups.execute(() -> {
                try {
                    answer.trySuccess(new InetSocketAddress(lookup.lookup(host), port));
                } catch (UnknownHostException | RuntimeException e) {
                    answer.tryFailure(e);
                }
            });
        } catch (RejectedExecutionException e) {
            answer.tryFailure(new UnknownHostException(host + ": not looked up, " + MAX_PENDING + " name lookups already pending"));
        }
        return answer;
    }
}
