package io.mlbj.bench.churn;

import java.net.InetSocketAddress;

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
}
