package io.mlbj.core.demo;

import io.mlbj.core.LbServer;
import io.mlbj.core.LbServerOptions;
import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.Balance;
import io.mlbj.core.routing.BindAddress;
import io.mlbj.core.routing.Frontend;
import io.mlbj.core.routing.HttpAction;
import io.mlbj.core.routing.HttpRule;
import io.mlbj.core.routing.LogFormat;
import io.mlbj.core.routing.ProxyMode;
import io.mlbj.core.routing.RequestCondition;
import io.mlbj.core.routing.RoutingSnapshot;
import io.mlbj.core.routing.RoutingTable;
import io.mlbj.core.routing.Server;
import io.mlbj.core.routing.Timeouts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A runnable demo of the engine: three echo backends behind one HTTP frontend (roundrobin, marathon-lb's
 * default backend options), on port 10080 unless {@code --port N} is given; runs until Ctrl-C.
 */
public final class CoreDemo {
    /** The port used without {@code --port}. */
    public static final int DEFAULT_PORT = 10080;

    private CoreDemo() {}

    /** Starts the demo and blocks until the JVM is asked to stop. */
    public static void main(String[] args) throws InterruptedException {
        int port = DEFAULT_PORT;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port") && i + 1 < args.length) {
                port = parsePort(args[++i]);
            } else if (args[i].startsWith("--port=")) {
                port = parsePort(args[i].substring(7));
            } else {
                System.err.println("usage: demo [--port N]   (unknown argument: " + args[i] + ")");
                System.exit(2);
            }
        }
        List<EchoBackend> echoes = new ArrayList<>();
        List<Server> servers = new ArrayList<>();
        for (String name : List.of("echo-1", "echo-2", "echo-3")) {
            EchoBackend e = EchoBackend.start(name);
            echoes.add(e);
            servers.add(new Server(name, "127.0.0.1", e.port(), 0, 1, null, false, null, null, 0));
        }
        LogFormat dstPort = new LogFormat(
                List.of(new LogFormat.Fetch("dst_port", r -> Integer.toString(r.frontendPort()))), "%[dst_port]");
        List<HttpRule> backendRules = List.of(
                new HttpRule(new HttpAction.SetHeader("X-Forwarded-Port", dstPort), RequestCondition.ALWAYS,
                        "http-request set-header X-Forwarded-Port %[dst_port]"),
                new HttpRule(new HttpAction.AddHeader("X-Forwarded-Proto", LogFormat.literal("https")),
                        request -> request.isTls(), "http-request add-header X-Forwarded-Proto https if { ssl_fc }"));
        Backend backend = new Backend("demo_echo", ProxyMode.HTTP, Balance.ROUNDROBIN, null, servers, true, false, true, 3,
                backendRules, List.of(), Timeouts.MARATHON_LB_DEFAULTS);
        BindAddress bind = new BindAddress("*", port);
        Frontend frontend = new Frontend("demo_http", List.of(bind), ProxyMode.HTTP, null, List.of(), backend.name(),
                List.of(), List.of(), Timeouts.MARATHON_LB_DEFAULTS, 0, false);
        RoutingTable table = new RoutingTable(new RoutingSnapshot(List.of(frontend), Map.of(backend.name(), backend),
                "", List.of()));
        LbServer lb;
        try {
            lb = new LbServer(table, LbServerOptions.defaults()).start();
        } catch (RuntimeException e) {
            System.err.println("demo: cannot listen on port " + port + " (" + e.getMessage() + "); try --port N");
            echoes.forEach(EchoBackend::close);
            System.exit(1);
            return;
        }
        int bound = lb.boundAddress(bind).getPort();
        System.out.println("Load balancer (" + lb.transportName() + ") on http://127.0.0.1:" + bound + "/");
        for (EchoBackend e : echoes) {
            System.out.println("  backend " + e.name() + " on http://127.0.0.1:" + e.port() + "/");
        }
        System.out.println("Try: for i in 1 2 3; do curl -s -i http://127.0.0.1:" + bound
                + "/hello | grep -i x-backend-name; done");
        System.out.println("Press Ctrl-C to stop.");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            lb.close(Duration.ofSeconds(5));
            echoes.forEach(EchoBackend::close);
            stopped.countDown();
        }, "demo-shutdown"));
        stopped.await();
    }

    private static int parsePort(String s) {
        try {
            int p = Integer.parseInt(s);
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            System.err.println("demo: --port " + s + " (expected: 0..65535)");
            System.exit(2);
            return -1;
        }
    }
}
