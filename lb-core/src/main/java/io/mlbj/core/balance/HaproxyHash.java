package io.mlbj.core.balance;

import io.mlbj.core.routing.RequestView;
import java.net.Inet4Address;
import java.net.InetAddress;

/** The hash keys of HAProxy's map-based algorithms ({@code get_server_sh/uh/ph/hh} in backend.c). */
final class HaproxyHash {
    private HaproxyHash() {
    }

    /** {@code source}: the client address words XORed, then {@code full_hash}. */
    static long source(RequestView request) {
        InetAddress address = request.clientAddress();
        if (address == null) {
            return -1;
        }
        if (address instanceof Inet4Address) {
            // Inet4Address.hashCode() is the address as a big-endian int, and costs no array copy.
            return Integer.toUnsignedLong(fullHash(address.hashCode()));
        }
        byte[] bytes = address.getAddress();
        int h = 0;
        for (int i = 0; i + 4 <= bytes.length; i += 4) {
            h ^= ((bytes[i] & 0xff) << 24) | ((bytes[i + 1] & 0xff) << 16)
                    | ((bytes[i + 2] & 0xff) << 8) | (bytes[i + 3] & 0xff);
        }
        return Integer.toUnsignedLong(fullHash(h));
    }

    /** {@code uri}: the request target up to the first {@code ?}. */
    static long uri(RequestView request) {
        String uri = request.uri();
        if (uri == null) {
            return -1;
        }
        int end = uri.indexOf('?');
        return Integer.toUnsignedLong(sdbm(uri, 0, end < 0 ? uri.length() : end));
    }

    /** {@code url_param(name)}: the value of the first query parameter of that name. */
    static HashKey urlParam(String name) {
        String needle = name + "=";
        return request -> {
            String uri = request.uri();
            int query = uri == null ? -1 : uri.indexOf('?');
            if (query < 0) {
                return -1;
            }
            int at = query + 1;
            while (at < uri.length()) {
                int end = uri.indexOf('&', at);
                if (end < 0) {
                    end = uri.length();
                }
                if (uri.startsWith(needle, at)) {
                    return Integer.toUnsignedLong(sdbm(uri, at + needle.length(), end));
                }
                at = end + 1;
            }
            return -1;
        };
    }

    /** {@code hdr(name)}: the header's value; absent or empty is no key (round robin). */
    static HashKey header(String name) {
        return request -> {
            String value = request.header(name);
            if (value == null || value.isEmpty()) {
                return -1;
            }
            return Integer.toUnsignedLong(sdbm(value, 0, value.length()));
        };
    }

    /** HAProxy's default hash function; chars are taken as C's signed bytes. */
    static int sdbm(CharSequence s, int from, int to) {
        int hash = 0;
        for (int i = from; i < to; i++) {
            int c = (byte) s.charAt(i);
            hash = c + (hash << 6) + (hash << 16) - hash;
        }
        return hash;
    }

    /** Bob Jenkins' 32-bit integer hash times a prime near 3/4 of 2^32 ({@code full_hash}). */
    static int fullHash(int a) {
        a = (a + 0x7ed55d16) + (a << 12);
        a = (a ^ 0xc761c23c) ^ (a >>> 19);
        a = (a + 0x165667b1) + (a << 5);
        a = (a + 0xd3a2646c) ^ (a << 9);
        a = (a + 0xfd7046c5) + (a << 3);
        a = (a ^ 0xb55a4f09) ^ (a >>> 16);
        return a * (int) 3221225473L;
    }
}
