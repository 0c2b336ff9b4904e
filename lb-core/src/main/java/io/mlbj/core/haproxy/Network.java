package io.mlbj.core.haproxy;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IP network ({@code 10.0.0.0/8}, {@code 192.168.1.1}, {@code ::1/128}) parsed without DNS. */
public record Network(byte[] address, int prefixLength) {
    public Network {
        requireNonNull(address, "address");
        if (prefixLength < 0 || prefixLength > address.length * 8) {
            throw new IllegalArgumentException(
                    "prefixLength: " + prefixLength + " (expected: 0.." + address.length * 8 + ")");
        }
    }

    /** Parses {@code addr}, {@code addr/len} or {@code a.b.c.d/m.m.m.m}. */
    static Network parse(String text) throws CompileError {
        int slash = text.indexOf('/');
        String host = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = literal(host);
        if (bytes == null) {
            throw new CompileError("'" + text + "' is not an IP address or network");
        }
        int len = bytes.length * 8;
        if (slash >= 0) {
            String mask = text.substring(slash + 1);
            byte[] maskBytes = mask.contains(".") ? literal(mask) : null;
            try {
                len = maskBytes != null && maskBytes.length == 4 ? prefixOf(maskBytes) : Integer.parseInt(mask);
            } catch (NumberFormatException e) {
                len = -1;
            }
            if (len < 0 || len > bytes.length * 8) {
                throw new CompileError("'" + text + "': bad network mask");
            }
        }
        return new Network(bytes, len);
    }

    /** Whether {@code a} lies in this network (IPv4 and IPv6 never match each other). */
    public boolean contains(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length != address.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (b[i] != address[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (b[full] & mask) == (address[full] & mask);
    }

    /** The bytes of an IPv4 dotted quad or IPv6 literal, or null for anything else (never DNS). */
    static byte[] literal(String host) {
        if (host.indexOf(':') >= 0) {
            if (!host.matches("[0-9a-fA-F:.]+")) {
                return null;
            }
            try {
                return InetAddress.getByName(host).getAddress();
            } catch (UnknownHostException | RuntimeException e) {
                return null;
            }
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(Character::isDigit)) {
                return null;
            }
            int v = Integer.parseInt(parts[i]);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static int prefixOf(byte[] mask) {
        int bits = 0;
        boolean ended = false;
        for (byte m : mask) {
            for (int i = 7; i >= 0; i--) {
                boolean set = ((m >> i) & 1) == 1;
                if (set && ended) {
                    return -1;
                }
                if (set) {
                    bits++;
                } else {
                    ended = true;
                }
            }
        }
        return bits;
    }
}
