package io.mlbj.bench.churn;

import io.mlbj.marathon.daemon.DaemonCommand;
import io.mlbj.marathon.daemon.DaemonSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** The load balancer under churn, following the emulated Marathon: ours, or HAProxy reloaded as marathon-lb does. */
interface ChurnTarget extends AutoCloseable {

    /** A short name for reports ({@code mlbj}, {@code haproxy}). */
    String name();

    /** Where app {@code index}'s frontend listens; waits until it does. */
    InetSocketAddress frontend(int index);

    /** How many routing changes (new configs applied) so far. */
    long routingChanges();

    /** Memory and threads of the load balancer now. */
    ResourceSample sample(String at);

    /** Stops the load balancer. */
    @Override
    void close();

    /** The daemon's settings from its command line, as {@code java -jar lb-marathon.jar ARGS} would read them. */
    static DaemonSettings daemonSettings(String... args) {
        AtomicReference<DaemonSettings> parsed = new AtomicReference<>();
        StringWriter err = new StringWriter();
        int code = DaemonCommand.execute(new DaemonCommand(Map.of(), Path.of("no-templates"), s -> {
            parsed.set(s);
            return 0;
        }), new PrintWriter(new StringWriter()), new PrintWriter(err), args);
        if (code != 0) {
            throw new IllegalStateException("daemon flags " + List.of(args) + ": " + err.toString().strip());
        }
        return parsed.get();
    }

    /** Waits (up to 30 s) until {@code address} accepts a connection; returns it. */
    static InetSocketAddress awaitListening(InetSocketAddress address) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() - deadline < 0) {
            try (Socket s = new Socket()) {
                s.connect(address, 1000);
                return address;
            } catch (IOException e) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for " + address, ie);
                }
            }
        }
        throw new IllegalStateException("nothing listens on " + address + " after 30 s");
    }
}
