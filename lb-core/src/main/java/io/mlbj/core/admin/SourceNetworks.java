package io.mlbj.core.admin;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.haproxy.Network;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The client networks allowed to call the signal endpoints ({@code /_mlb_signal/*}); empty = everyone
 * (marathon-lb's behaviour). Parsed from {@code 10.0.0.0/8,127.0.0.1,::1/128} without DNS.
 */
public record SourceNetworks(List<Network> networks) {
    /** Everyone may signal (marathon-lb's default). */
    public static final SourceNetworks ANY = new SourceNetworks(List.of());

    public SourceNetworks {
        networks = List.copyOf(requireNonNull(networks, "networks"));
    }

    /** Parses a comma-separated list of addresses and CIDR networks; blank = {@link #ANY}. */
    public static SourceNetworks parse(String text) {
        requireNonNull(text, "text");
        List<Network> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            if (!p.isEmpty()) {
                out.add(network(p));
            }
        }
        return new SourceNetworks(out);
    }

    private static Network network(String text) {
        int slash = text.indexOf('/');
        String host = slash < 0 ? text : text.substring(0, slash);
        // Only IP literals: anything else would make InetAddress ask DNS.
        if (host.isEmpty() || !host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
            throw new IllegalArgumentException("signal source '" + text + "' (expected: an IP address or CIDR network)");
        }
        byte[] address;
        try {
            address = InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("signal source '" + text + "' (expected: an IP address or CIDR network)");
        }
        int bits = address.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("signal source '" + text + "': prefix length (expected: 0.." + bits + ")");
            }
        }
        return new Network(address, prefix);
    }

    /** Whether {@code client} may signal (null, e.g. an in-process socket, only when everyone may). */
    public boolean allows(InetAddress client) {
        if (networks.isEmpty()) {
            return true;
        }
        if (client == null) {
            return false;
        }
        for (Network n : networks) {
            if (n.contains(client)) {
                return true;
            }
        }
        return false;
    }
}
