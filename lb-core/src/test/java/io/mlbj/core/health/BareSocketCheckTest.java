package io.mlbj.core.health;

import static io.mlbj.core.health.HealthChecksTest.await;
import static io.mlbj.core.health.HealthChecksTest.closedPort;
import static io.mlbj.core.health.HealthChecksTest.http;
import static io.mlbj.core.health.HealthChecksTest.server;
import static io.mlbj.core.health.HealthChecksTest.tcp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mlbj.core.Transport;
import io.mlbj.core.pool.ServerTlsHandlers;
import io.mlbj.core.routing.HealthCheck;
import io.mlbj.core.routing.Server;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Checks over the bare epoll socket ({@link EpollCheckSocket}) against real sockets on 127.0.0.1. */
class BareSocketCheckTest {
    private final Transport transport = Transport.detect();
    private MultiThreadIoEventLoopGroup group;
    private final List<CheckedServer> servers = new ArrayList<>();
    private final AtomicInteger passed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private CheckTarget target;

    @BeforeEach
    void epollOnly() {
        assumeTrue(Epoll.isAvailable(), "the bare socket path is epoll only");
        group = transport.newGroup(1, "bare-test");
    }

    @AfterEach
    void stop() {
        for (CheckedServer s : servers) {
            s.end().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        if (target != null) {
            target.close();
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    private CheckedServer check(Server s) {
        CheckedServer c = new CheckedServer(HealthKey.of("be", s), s, group.next(), transport.channelType(),
                ServerTlsHandlers.NONE, (backend, server, ok) -> (ok ? passed : failed).incrementAndGet());
        servers.add(c);
        c.begin();
        return c;
    }

    @Test
    void listeningPortPassesWithL4okOverTheBareSocket() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CheckedServer c = check(server("s1", listener.getLocalPort(), tcp(2, 3)));
            assertThat(c.usesBareSocket()).isTrue();
            CheckResults r = c.results();
            await("3 checks", () -> r.checks() >= 3);
            assertThat(r.lastCheck()).isEqualTo(CheckStatus.L4OK);
            assertThat(r.isUp()).isTrue();
            assertThat(r.state()).isEqualTo(ServerState.UP);
            assertThat(r.failures()).isZero();
            assertThat(passed.get()).isGreaterThanOrEqualTo(3);
            assertThat(failed.get()).isZero();
        }
    }

    @Test
    void closedPortFailsWithL4conAndGoesDownThenUpWhenItListens() throws Exception {
        int port = closedPort();
        CheckedServer c = check(server("s1", port, tcp(2, 1)));
        assertThat(c.usesBareSocket()).isTrue();
        CheckResults r = c.results();
        await("down", () -> !r.isUp());
        assertThat(r.lastCheck()).isEqualTo(CheckStatus.L4CON);
        assertThat(r.downTransitions()).isEqualTo(1);
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            await("up again after rise passes", r::isUp);
            assertThat(r.lastCheck()).isEqualTo(CheckStatus.L4OK);
        }
    }

    @Test
    void listenerWithAFullAcceptQueueTimesOutWithL4tout() throws Exception {
        // A full accept queue drops SYNs: connects to it stay unanswered (deterministic, all on loopback).
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> queued = new ArrayList<>();
            try {
                boolean full = false;
                for (int i = 0; i < 20 && !full; i++) {
                    Socket s = new Socket();
                    queued.add(s);
                    try {
                        s.connect(listener.getLocalSocketAddress(), 500);
                    } catch (SocketTimeoutException e) {
                        full = true;
                    }
                }
                assumeTrue(full, "the accept queue could not be filled");
                HealthCheck timesOut = new HealthCheck(HealthChecksTest.FAST, 2, 1, 0, null, null,
                        Duration.ofMillis(300), HealthChecksTest.FAST, HealthChecksTest.FAST, null, 0, 0);
                CheckedServer c = check(server("s1", listener.getLocalPort(), timesOut));
                CheckResults r = c.results();
                await("a check", () -> r.checks() >= 1);
                assertThat(r.lastCheck()).isEqualTo(CheckStatus.L4TOUT);
                assertThat(r.lastCheckDurationMillis()).isGreaterThanOrEqualTo(290);
                assertThat(r.isUp()).isFalse();
            } finally {
                for (Socket s : queued) {
                    s.close();
                }
            }
        }
    }

    @Test
    void httpCheckReads200And503OverTheBareSocket() throws Exception {
        target = CheckTarget.start("t");
        CheckedServer c = check(server("s1", target.port(), http(1, 1, 0, Duration.ofSeconds(10))));
        assertThat(c.usesBareSocket()).isTrue();
        CheckResults r = c.results();
        await("a passing check", () -> r.checks() >= 2 && r.lastCheck() == CheckStatus.L7OK);
        assertThat(r.lastCheckText()).isEqualTo("L7OK 200");
        assertThat(target.lastHealthRequestLine()).isEqualTo("GET /health HTTP/1.0");
        target.healthStatus(503);
        await("down on 503", () -> !r.isUp());
        assertThat(r.lastCheckText()).isEqualTo("L7STS 503");
        target.healthStatus(200);
        await("up again", r::isUp);
    }

    @Test
    void manyChecksLeaveNoSocketOpen() throws Exception {
        File fds = new File("/proc/self/fd");
        assumeTrue(fds.isDirectory(), "needs /proc/self/fd");
        target = CheckTarget.start("t");
        HealthCheck often = new HealthCheck(Duration.ofMillis(5), 1, 1, 0, null, null, Duration.ofSeconds(2),
                Duration.ofMillis(5), Duration.ofMillis(5), null, 0, 0);
        HealthCheck httpOften = new HealthCheck(Duration.ofMillis(5), 1, 1, 0, "GET", "/health",
                Duration.ofSeconds(2), Duration.ofMillis(5), Duration.ofMillis(5), "HTTP/1.0", 0, 0);
        List<CheckedServer> checked = List.of(
                check(server("open", target.port(), often)),
                check(server("closed", closedPort(), often)),
                check(server("http", target.port(), httpOften)));
        await("a first check of each", () -> checked.stream().allMatch(c -> c.results().checks() >= 1));
        Thread.sleep(200);
        int before = fds.list().length;
        long checksBefore = checked.stream().mapToLong(c -> c.results().checks()).sum();
        await("300 more checks", () -> checked.stream().mapToLong(c -> c.results().checks()).sum()
                >= checksBefore + 300);
        for (CheckedServer c : checked) {
            c.end().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        Thread.sleep(200);
        int after = fds.list().length;
        assertThat(after).as("open descriptors after 300 checks (before: %d)", before).isLessThanOrEqualTo(before + 2);
        assertThat(checked.get(0).results().lastCheck()).isEqualTo(CheckStatus.L4OK);
        assertThat(checked.get(1).results().lastCheck()).isEqualTo(CheckStatus.L4CON);
        assertThat(checked.get(2).results().lastCheck()).isEqualTo(CheckStatus.L7OK);
    }
}
