package io.mlbj.core.balance;

import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.Balance;
import io.mlbj.core.routing.Server;
import java.util.ArrayList;
import java.util.List;

/** Builds the {@link Balancer} of a backend's {@code balance} line. */
public final class Balancers {
    private Balancers() {
    }

    /**
     * A new balancer for the backend's servers and algorithm (its backup servers only when no other one is
     * usable); build one per backend per snapshot and share it between event loops.
     */
    public static Balancer forBackend(Backend backend) {
        List<Server> all = backend.servers();
        List<Server> primaries = new ArrayList<>(all.size());
        List<Server> backups = new ArrayList<>();
        for (Server s : all) {
            if (!s.disabled() && s.weight() > 0) {
                (s.backup() ? backups : primaries).add(s);
            }
        }
        Balancer balancer = forServers(backend, primaries);
        if (backups.isEmpty()) {
            return balancer;
        }
        return new BackupBalancer(balancer, backups, backend.allBackups() ? forServers(backend, backups) : null);
    }

    private static Balancer forServers(Backend backend, List<Server> eligible) {
        List<Server> all = backend.servers();
        Balance balance = backend.balance();
        return switch (balance.algorithm()) {
            case ROUNDROBIN -> new RoundRobinBalancer(new LiveSchedule(eligible, FwrrSchedule::cycle));
            case STATIC_RR -> new RoundRobinBalancer(new LiveSchedule(eligible, ServerMap::of, false));
            case LEASTCONN -> new LeastConnBalancer(eligible);
            case FIRST -> new FirstBalancer(eligible, all);
            case RANDOM -> new RandomBalancer(eligible, draws(backend));
            case SOURCE -> hashing(eligible, HaproxyHash::source);
            case URI -> hashing(eligible, HaproxyHash::uri);
            case URL_PARAM -> hashing(eligible, HaproxyHash.urlParam(argument(backend)));
            case HDR -> hashing(eligible, HaproxyHash.header(argument(backend)));
        };
    }

    private static Balancer hashing(List<Server> eligible, HashKey key) {
        LiveSchedule map = new LiveSchedule(eligible, ServerMap::of, false);
        return new HashBalancer(map, key, new RoundRobinBalancer(map));
    }

    private static String argument(Backend backend) {
        String argument = backend.balance().argument();
        if (argument == null || argument.isBlank()) {
            throw new IllegalArgumentException("backend " + backend.name() + ": balance "
                    + backend.balance().algorithm().haproxyName() + " (expected: an argument)");
        }
        return argument.trim();
    }

    private static int draws(Backend backend) {
        String argument = backend.balance().argument();
        if (argument == null || argument.isBlank()) {
            return 2;
        }
        try {
            int draws = Integer.parseInt(argument.trim());
            if (draws >= 1) {
                return draws;
            }
        } catch (NumberFormatException e) {
            // reported below with the backend's name
        }
        throw new IllegalArgumentException("backend " + backend.name() + ": balance random(" + argument
                + ") (expected: a number of draws >= 1)");
    }
}
