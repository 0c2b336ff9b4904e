package io.mlbj.core.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlbj.core.demo.EchoBackend;
import io.mlbj.core.routing.Server;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.Future;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The per-event-loop pool on a real event loop and real sockets. */
class BackendPoolTest {
    private final MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoop loop = group.next();
    private final BackendPool pool = new BackendPools(NioSocketChannel.class, ServerTlsHandlers.NONE).forLoop(loop);

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private <T> T onLoop(Callable<T> task) throws Exception {
        return loop.submit(task).get(10, TimeUnit.SECONDS);
    }

    private Channel acquire(Server s) throws Exception {
        return onLoop(() -> pool.acquireHttp(s, Duration.ofSeconds(2))).get(10, TimeUnit.SECONDS);
    }

    @Test
    void reusesReleasedConnectionsAndDropsThoseOfRemovedServers() throws Exception {
        try (EchoBackend echo = EchoBackend.start("e")) {
            Server s = new Server("e", "127.0.0.1", echo.port(), 0, 1, null, false, null, null, 0);
            Channel first = acquire(s);
            assertThat(BackendPool.wasPooled(first)).isFalse();
            onLoop(() -> {
                pool.release(s, first);
                return null;
            });
            assertThat(onLoop(() -> pool.idleCount(s))).isEqualTo(1);
            Channel again = acquire(s);
            assertThat(again).isSameAs(first);
            assertThat(BackendPool.wasPooled(again)).isTrue();
            onLoop(() -> {
                pool.release(s, again);
                pool.retainOnly(Set.of());
                return null;
            });
            assertThat(first.closeFuture().await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(onLoop(() -> pool.idleCount(s))).isZero();
            // The echo server counts a connection when its own loop accepts it, which may come after our
            // connect completed: wait for the count, then check that the reuse made no second connection.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (echo.connectionsAccepted() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(echo.connectionsAccepted()).isEqualTo(1);
        }
    }

    @Test
    void aHostNameBeingLookedUpDoesNotHoldTheLoop() throws Exception {
        CountDownLatch lookupMayAnswer = new CountDownLatch(1);
        CountDownLatch lookupStarted = new CountDownLatch(1);
        ServerAddressResolver slowNames = new ServerAddressResolver(host -> {
            lookupStarted.countDown();
            try {
                lookupMayAnswer.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return InetAddress.getByName("127.0.0.1");
        }, 1);
        BackendPool slowPool = new BackendPools(NioSocketChannel.class, ServerTlsHandlers.NONE, slowNames).forLoop(loop);
        try (EchoBackend echo = EchoBackend.start("e")) {
            Server byName = new Server("n", "slow-name.test", echo.port(), 0, 1, null, false, null, null, 0);
            Server byIp = new Server("i", "127.0.0.1", echo.port(), 0, 1, null, false, null, null, 0);
            Future<Channel> pending = onLoop(() -> slowPool.acquireHttp(byName, Duration.ofSeconds(5)));
            assertThat(lookupStarted.await(10, TimeUnit.SECONDS)).isTrue();
            Channel viaIp = onLoop(() -> slowPool.acquireHttp(byIp, Duration.ofSeconds(5))).get(10, TimeUnit.SECONDS);
            assertThat(viaIp.isActive()).isTrue();
            assertThat(pending.isDone()).isFalse();
            lookupMayAnswer.countDown();
            Channel viaName = pending.get(10, TimeUnit.SECONDS);
            assertThat(viaName.isActive()).isTrue();
            assertThat(viaName.eventLoop()).isSameAs(loop);
            assertThat(((InetSocketAddress) viaName.remoteAddress()).getPort()).isEqualTo(echo.port());
            viaIp.close().syncUninterruptibly();
            viaName.close().syncUninterruptibly();
        }
    }

    @Test
    void aNameThatDoesNotResolveFailsTheConnectionWithTheName() throws Exception {
        ServerAddressResolver noNames = new ServerAddressResolver(host -> {
            throw new UnknownHostException(host + ": no such name");
        }, 1);
        BackendPool pool2 = new BackendPools(NioSocketChannel.class, ServerTlsHandlers.NONE, noNames).forLoop(loop);
        Server s = new Server("n", "missing.test", 80, 0, 1, null, false, null, null, 0);
        Future<Channel> f = onLoop(() -> pool2.acquireHttp(s, Duration.ofSeconds(5)));
        assertThat(f.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(f.cause()).isInstanceOf(UnknownHostException.class).hasMessageContaining("missing.test");
    }

    @Test
    void isConfinedToItsEventLoop() {
        Server s = new Server("x", "127.0.0.1", 9, 0, 1, null, false, null, null, 0);
        assertThatThrownBy(() -> pool.acquireHttp(s, Duration.ofSeconds(1))).isInstanceOf(AssertionError.class);
    }
}
