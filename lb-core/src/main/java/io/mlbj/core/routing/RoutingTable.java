package io.mlbj.core.routing;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * Holds the routing snapshot in force. Readers on the forwarding path call {@link #current()} once per
 * request (one volatile read); {@link #swap} is the only way to change routing.
 */
public final class RoutingTable {
    private volatile RoutingSnapshot current;
    private final List<BiConsumer<RoutingSnapshot, RoutingSnapshot>> listeners = new CopyOnWriteArrayList<>();

    public RoutingTable(RoutingSnapshot initial) {
        this.current = requireNonNull(initial, "initial");
    }

    /** The snapshot in force. */
    public RoutingSnapshot current() {
        return current;
    }

    /**
     * Publishes {@code next} and tells the listeners (previous, next), e.g. the server, which opens and
     * closes only the listeners whose bind addresses changed. Swaps are serialised.
     */
    public synchronized RoutingSnapshot swap(RoutingSnapshot next) {
        requireNonNull(next, "next");
        RoutingSnapshot previous = current;
        current = next;
        for (BiConsumer<RoutingSnapshot, RoutingSnapshot> l : listeners) {
            l.accept(previous, next);
        }
        return previous;
    }

    /** Registers a callback run after each swap, on the swapping thread. */
    public void onSwap(BiConsumer<RoutingSnapshot, RoutingSnapshot> listener) {
        listeners.add(requireNonNull(listener, "listener"));
    }
}
