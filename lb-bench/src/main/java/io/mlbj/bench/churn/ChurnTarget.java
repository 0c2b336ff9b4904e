package io.mlbj.bench.churn;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

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
