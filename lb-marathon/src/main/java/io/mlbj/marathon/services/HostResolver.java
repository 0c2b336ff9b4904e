package io.mlbj.marathon.services;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Resolves a task's agent host name to the IPv4 address servers connect to ({@code null} = unresolvable). */
@FunctionalInterface
public interface HostResolver {
    /** The dotted IPv4 address of {@code host}, or {@code null} if it has none. */
    String resolve(String host);

    /** Resolves IPv4 literals to themselves and nothing else (no I/O; what the conformance tests assume). */
    static HostResolver literalsOnly() {
        return host -> isIpv4Literal(host) ? host : null;
    }

    /** True for a dotted-quad IPv4 literal without leading zeros ({@code 10.0.0.1}). */
    static boolean isIpv4Literal(String s) {
        int parts = 0;
        int i = 0;
        while (i <= s.length()) {
            int start = i;
            int value = 0;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 3) {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
            }
            int len = i - start;
            if (len == 0 || value > 255 || (len > 1 && s.charAt(start) == '0')) {
                return false;
            }
            parts++;
            if (i == s.length()) {
                return parts == 4;
            }
            if (s.charAt(i) != '.' || parts == 4) {
                return false;
            }
            i++;
        }
        return false;
    }

    /** Resolves through the system resolver, first IPv4 address (marathon-lb's {@code gethostbyname}); blocking I/O. */
    static HostResolver systemDns() {
        HostResolver literals = literalsOnly();
        return host -> {
            String literal = literals.resolve(host);
            if (literal != null) {
                return literal;
            }
            try {
                for (InetAddress a : InetAddress.getAllByName(host)) {
                    if (a instanceof Inet4Address) {
                        return a.getHostAddress();
                    }
                }
                return null;
            } catch (UnknownHostException e) {
                return null;
            }
        };
    }
}
