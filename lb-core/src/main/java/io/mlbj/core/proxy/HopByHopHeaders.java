package io.mlbj.core.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Removes connection-specific fields (RFC 9110 §7.6.1) before a message is forwarded: {@code Connection}
 * and every field it names, {@code Keep-Alive}, {@code Proxy-Connection}, {@code TE}, {@code Trailer} and,
 * unless the connection is being upgraded, {@code Upgrade}. {@code Transfer-Encoding} stays: the codec
 * re-frames the body from it.
 */
public final class HopByHopHeaders {
    // AsciiString names: their hash (the headers' lookup key) is computed once, not per message.
    private static final AsciiString PROXY_CONNECTION = AsciiString.cached("proxy-connection");
    private static final AsciiString KEEP_ALIVE = HttpHeaderNames.KEEP_ALIVE;

    private HopByHopHeaders() {}

    /** Strips the hop-by-hop fields of {@code headers}; keeps {@code Upgrade} when {@code upgrading}. */
    public static void strip(HttpHeaders headers, boolean upgrading) {
        if (headers.contains(HttpHeaderNames.CONNECTION)) {
            removeNamedFields(headers, upgrading);
        }
        headers.remove(HttpHeaderNames.CONNECTION);
        headers.remove(KEEP_ALIVE);
        headers.remove(PROXY_CONNECTION);
        headers.remove(HttpHeaderNames.TE);
        headers.remove(HttpHeaderNames.TRAILER);
        if (!upgrading) {
            headers.remove(HttpHeaderNames.UPGRADE);
        }
    }

    // Runs on every message: the tokens are scanned in place, so the usual "Connection: keep-alive" (or
    // close) allocates nothing; only the names of fields to remove become strings.
    private static void removeNamedFields(HttpHeaders headers, boolean upgrading) {
        List<String> named = null;
        Iterator<? extends CharSequence> values = headers.valueCharSequenceIterator(HttpHeaderNames.CONNECTION);
        while (values.hasNext()) {
            CharSequence value = values.next();
            int n = value.length();
            int start = 0;
            while (start <= n) {
                int comma = AsciiString.indexOf(value, ',', start);
                int end = comma < 0 ? n : comma;
                int s = start;
                int e = end;
                while (s < e && value.charAt(s) <= ' ') {
                    s++;
                }
                while (e > s && value.charAt(e - 1) <= ' ') {
                    e--;
                }
                if (e > s && !isKept(value, s, e, upgrading)) {
                    if (named == null) {
                        named = new ArrayList<>(2);
                    }
                    named.add(value.subSequence(s, e).toString());
                }
                start = end + 1;
            }
        }
        // Removed after the scan, which iterates the Connection values themselves.
        if (named != null) {
            for (String name : named) {
                headers.remove(name);
            }
        }
    }

    private static boolean isKept(CharSequence value, int start, int end, boolean upgrading) {
        return is(value, start, end, "close") || is(value, start, end, "keep-alive")
                || is(value, start, end, "transfer-encoding") || (upgrading && is(value, start, end, "upgrade"));
    }

    private static boolean is(CharSequence value, int start, int end, String word) {
        return end - start == word.length() && AsciiString.regionMatches(value, true, start, word, 0, word.length());
    }
}
