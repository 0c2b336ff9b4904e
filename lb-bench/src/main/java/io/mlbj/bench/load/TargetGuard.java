package io.mlbj.bench.load;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/** Decides whether a target host may receive load: loopback only unless remote targets are allowed. */
public final class TargetGuard {

    private TargetGuard() {
    }

    /**
     * Returns true when {@code host} is {@code localhost} or an IP literal in 127.0.0.0/8 or ::1.
     * Names other than {@code localhost} are never resolved, so nothing is looked up.
     */
    public static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.equals("localhost")) {
            return true;
        }
        boolean ipv4Literal = h.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean ipv6Literal = h.indexOf(':') >= 0 && h.matches("[0-9a-f:.%]+");
        if (!ipv4Literal && !ipv6Literal) {
            return false;
        }
        try {
            // Only literals reach this point, and InetAddress parses literals without a lookup.
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Returns null when the host may be targeted, else the refusal message for the user. */
    public static String refusal(String host, boolean allowRemote) {
        if (allowRemote || isLoopback(host)) {
            return null;
        }
        return "refusing to load '" + host + "': only loopback targets (127.0.0.0/8, ::1, localhost) are "
                + "allowed; pass --allow-remote to target another address";
    }
}
