package io.mlbj.core.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.Future;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Server addresses: literals parsed in place, names looked up off the event loop. */
class ServerAddressResolverTest {
    private final MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoop loop = group.next();

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void ipLiteralsAreNeverLookedUp() throws Exception {
        ServerAddressResolver r = new ServerAddressResolver(host -> {
            throw new AssertionError("looked up " + host);
        }, 1);
        InetSocketAddress v4 = r.resolve("10.0.2.15", 31005, loop).get(5, TimeUnit.SECONDS);
        assertThat(v4.getAddress().getHostAddress()).isEqualTo("10.0.2.15");
        assertThat(v4.getPort()).isEqualTo(31005);
        assertThat(v4.isUnresolved()).isFalse();
        InetSocketAddress v6 = r.resolve("::1", 80, loop).get(5, TimeUnit.SECONDS);
        assertThat(v6.getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void namesAreLookedUpOnTheirOwnThreadAndAnsweredOnTheLoop() throws Exception {
        AtomicReference<String> lookupThread = new AtomicReference<>();
        ServerAddressResolver r = new ServerAddressResolver(host -> {
            lookupThread.set(Thread.currentThread().getName());
            return InetAddress.getByAddress(host, new byte[] {127, 0, 0, 9});
        }, 2);
        Future<InetSocketAddress> f = r.resolve("backend.marathon.mesos", 8080, loop);
        InetSocketAddress a = f.get(5, TimeUnit.SECONDS);
        assertThat(a.getHostString()).isEqualTo("backend.marathon.mesos");
        assertThat(a.getAddress().getHostAddress()).isEqualTo("127.0.0.9");
        assertThat(lookupThread.get()).startsWith("lb-resolve-");
        AtomicReference<Boolean> listenerOnLoop = new AtomicReference<>();
        CountDownLatch notified = new CountDownLatch(1);
        r.resolve("other.test", 1, loop).addListener(x -> {
            listenerOnLoop.set(loop.inEventLoop());
            notified.countDown();
        });
        assertThat(notified.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(listenerOnLoop.get()).isTrue();
    }

    @Test
    void theSystemResolverKnowsLocalhost() throws Exception {
        InetSocketAddress a = ServerAddressResolver.SYSTEM.resolve("localhost", 80, loop).get(10, TimeUnit.SECONDS);
        assertThat(a.getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void needsAtLeastOneThread() {
        assertThatThrownBy(() -> new ServerAddressResolver(InetAddress::getByName, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threads");
    }
}
