package io.mlbj.marathon.demo;

import io.mlbj.marathon.daemon.ConfigSyncStatus;
import io.mlbj.marathon.daemon.ProcessSignals;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lb-marathon.jar demo}: runs {@link WsoDemo}, prints what to try, and stops on Ctrl-C or SIGTERM. */
@Command(name = "demo", sortOptions = false, usageHelpAutoWidth = true,
        description = "Starts a Marathon-API emulator with a WSO2-style sticky HTTPS app (three echo tasks that set "
                + "JSESSIONID) and the load balancer against it over HTTP and the event stream; runs until Ctrl-C.")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--http-port", defaultValue = "10080", description = "http frontend (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--https-port", defaultValue = "10443", description = "https frontend (default: ${DEFAULT-VALUE}).")
    int httpsPort;

    @Option(names = "--stats-port", defaultValue = "19090", description = "stats port (default: ${DEFAULT-VALUE}).")
    int statsPort;

    @Option(names = "--appid-port", defaultValue = "19091",
            description = "X-Marathon-App-Id frontend (default: ${DEFAULT-VALUE}).")
    int appidPort;

    @Option(names = "--service-port", defaultValue = "19443",
            description = "the app's own TLS frontend (default: ${DEFAULT-VALUE}).")
    int servicePort;

    @Option(names = "--instances", defaultValue = "3", description = "tasks of the app (default: ${DEFAULT-VALUE}).")
    int instances;

    private PrintWriter out;

    /** Parses {@code args} and runs the demo until stopped; returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        DemoCommand command = new DemoCommand();
        command.out = out;
        CommandLine cli = new CommandLine(command);
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("lb-marathon demo: error: " + e.getMessage().lines().findFirst().orElse("invalid arguments")
                    + " (see demo --help)");
            err.flush();
            return 2;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        WsoDemo.Ports ports = new WsoDemo.Ports(httpPort, httpsPort, statsPort, appidPort, servicePort);
        // Handlers first, so a signal during startup cannot kill the process half-started.
        CountDownLatch stop = new CountDownLatch(1);
        AtomicReference<WsoDemo> running = new AtomicReference<>();
        ProcessSignals.install(() -> {
            WsoDemo d = running.get();
            if (d != null) {
                d.daemon().resync();
            }
        }, stop::countDown);
        WsoDemo demo = WsoDemo.start(ports, instances);
        running.set(demo);
        try {
            ConfigSyncStatus status = awaitFirstSync(demo);
            if (status.lastResult() == ConfigSyncStatus.Result.FAILED) {
                out.println("The load balancer could not apply the demo's config: " + status.lastError().orElse("?"));
                out.println("Another program may use one of its ports; choose others, e.g. demo --http-port 20080 "
                        + "--https-port 20443 --stats-port 29090 --appid-port 29091 --service-port 29443");
                out.flush();
                return 1;
            }
            printGuide(demo);
            stop.await();
            out.println("stopping");
            out.flush();
            return 0;
        } finally {
            demo.close();
        }
    }

    private static ConfigSyncStatus awaitFirstSync(WsoDemo demo) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            ConfigSyncStatus s = demo.daemon().syncStatus();
            if (s.lastResult() == ConfigSyncStatus.Result.FAILED || demo.boundPort(demo.serviceFrontend()) > 0) {
                return s;
            }
            Thread.sleep(50);
        }
        return demo.daemon().syncStatus();
    }

    private void printGuide(WsoDemo demo) {
        String marathon = demo.emulator().url();
        int service = demo.boundPort(demo.serviceFrontend());
        int https = demo.boundPort("marathon_https_in");
        int http = demo.boundPort("marathon_http_in");
        String jar = "/tmp/lb-demo-cookies";
        out.printf("""

                Marathon API (emulator):  %1$s/v2/apps?embed=apps.tasks   events: %1$s/v2/events
                App %2$s: %3$d tasks, HTTPS servers that set JSESSIONID like a servlet container.
                Labels: HAPROXY_2_GROUP=marathon-lb, HAPROXY_2_MODE=http, HAPROXY_2_STICKY=true, HAPROXY_2_VHOST=%4$s,
                  HAPROXY_2_SSL_CERT=%5$s (generated, self-signed),
                  HAPROXY_2_BACKEND_STICKY_OPTIONS='  cookie JSESSIONID prefix nocache',
                  HAPROXY_2_BACKEND_SERVER_OPTIONS='... ssl verify none' (the LB speaks TLS to the tasks).

                Load balancer:
                  https://%4$s:%6$d/   the app's own TLS frontend (its service port)
                  https://%4$s:%7$d/   marathon_https_in, routed by SNI
                  http://127.0.0.1:%8$d/ with 'Host: %4$s'   marathon_http_in, routed by Host

                Stickiness: run this a few times; the same task answers and the session is "(continued)".
                The cookie you hold is JSESSIONID=<server cookie>~<session>; the LB strips the prefix.
                  curl -sk -c %9$s -b %9$s https://%4$s:%6$d/
                Without the cookie jar every call starts a new session, round-robin over the tasks:
                  curl -sk https://%4$s:%6$d/

                Failover: kill the task that holds your session (its id is in the answer); Marathon replaces it
                and the LB follows within milliseconds; your next call lands on another task with a new session.
                  curl -X DELETE %1$s/v2/apps%2$s/tasks/<task id>
                  curl -sk -c %9$s -b %9$s https://%4$s:%6$d/
                Scale:
                  curl -X PUT -H 'Content-Type: application/json' -d '{"instances":5}' %1$s/v2/apps%2$s
                The config the LB is serving:
                  java -jar lb-marathon/target/lb-marathon.jar --dry %10$s

                Ctrl-C stops.
                """, marathon, WsoDemo.APP_ID, demo.emulator().taskIds(WsoDemo.APP_ID).size(), WsoDemo.VHOST,
                demo.certificateFile(), service, https, http, jar, String.join(" ", demo.daemonArguments()));
        out.flush();
    }
}
