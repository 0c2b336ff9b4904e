package io.mlbj.core.sticky;

import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.Server;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A backend's servers by {@code cookie} value, looked up by a range of a header without copying it.
 * Servers sharing a value are kept in declaration order (HAProxy takes the first one that is up).
 */
public final class StickyIndex {
    private static final Server[] NONE = new Server[0];

    private final String[] keys;
    private final Server[][] values;
    private final int mask;

    private StickyIndex(Map<String, List<Server>> byValue) {
        int capacity = Integer.highestOneBit(Math.max(4, byValue.size() * 2 - 1)) << 1;
        keys = new String[capacity];
        values = new Server[capacity][];
        mask = capacity - 1;
        for (Map.Entry<String, List<Server>> e : byValue.entrySet()) {
            String key = e.getKey();
            int slot = hash(key, 0, key.length()) & mask;
            while (keys[slot] != null) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = key;
            values[slot] = e.getValue().toArray(NONE);
        }
    }

    /** The index of the backend's servers that have a {@code cookie} value. */
    public static StickyIndex forBackend(Backend backend) {
        return of(backend.servers());
    }

    /** The index of these servers (those without a {@code cookie} value are left out). */
    public static StickyIndex of(List<Server> servers) {
        Map<String, List<Server>> byValue = new LinkedHashMap<>();
        for (Server s : servers) {
            if (s.cookie() != null && !s.cookie().isEmpty()) {
                byValue.computeIfAbsent(s.cookie(), k -> new ArrayList<>(1)).add(s);
            }
        }
        return new StickyIndex(byValue);
    }

    /** The servers whose cookie value equals {@code text[from, to)}, in declaration order; empty when none. */
    Server[] lookup(String text, int from, int to) {
        return lookup(text, from, to, rawHash(text, from, to));
    }

    /**
     * Finds where a cookie value's server part ends and hashes it in the same pass: the first {@code stop}
     * in {@code text[from, to)} (or {@code to}) in the high 32 bits, the raw hash of the characters before
     * it in the low 32 bits, for {@link #lookup(String, int, int, int)}.
     */
    static long scanKey(String text, int from, int to, char stop) {
        int h = 0;
        int at = from;
        for (; at < to; at++) {
            char c = text.charAt(at);
            if (c == stop) {
                break;
            }
            h = 31 * h + c;
        }
        return ((long) at << 32) | (h & 0xFFFF_FFFFL);
    }

    /** {@link #lookup(String, int, int)} with the raw hash of {@code text[from, to)} already known. */
    Server[] lookup(String text, int from, int to, int rawHash) {
        int length = to - from;
        int slot = (rawHash ^ (rawHash >>> 16)) & mask;
        String key;
        while ((key = keys[slot]) != null) {
            if (key.length() == length && text.regionMatches(from, key, 0, length)) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        return NONE;
    }

    /** Every indexed server, each once. */
    List<Server> servers() {
        List<Server> all = new ArrayList<>();
        for (Server[] group : values) {
            if (group != null) {
                all.addAll(List.of(group));
            }
        }
        return all;
    }

    /** The servers whose cookie value is {@code value}, in declaration order; empty when none. */
    public List<Server> lookup(String value) {
        return List.of(lookup(value, 0, value.length()));
    }

    private static int hash(String text, int from, int to) {
        int h = rawHash(text, from, to);
        return h ^ (h >>> 16);
    }

    private static int rawHash(String text, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + text.charAt(i);
        }
        return h;
    }
}
