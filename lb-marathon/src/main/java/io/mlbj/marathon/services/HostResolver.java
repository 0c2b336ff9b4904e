package io.mlbj.marathon.services;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Resolves a task's agent host name to the IPv4 address servers connect to ({@code null} = unresolvable). */
@FunctionalInterface
public interface HostResolver {
    /** The dotted IPv4 address of {@code host}, or {@code null} if it has none. */
    String resolve(String host);

    /** Resolves IPv4 literals to themselves and nothing else (no I/O; what the conformance tests assume). */
    static HostResolver literalsOnly() {
        Pattern ipv4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
        return host -> ipv4.matcher(host).matches() ? host : null;
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
