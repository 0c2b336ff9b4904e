package io.mlbj.core.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;

/**
 * Removes connection-specific fields (RFC 9110 §7.6.1) before a message is forwarded: {@code Connection}
 * and every field it names, {@code Keep-Alive}, {@code Proxy-Connection}, {@code TE}, {@code Trailer} and,
 * unless the connection is being upgraded, {@code Upgrade}. {@code Transfer-Encoding} stays: the codec
 * re-frames the body from it.
 */
public final class HopByHopHeaders {
    private static final String PROXY_CONNECTION = "proxy-connection";
    private static final String KEEP_ALIVE = "keep-alive";

    private HopByHopHeaders() {}

    /** Strips the hop-by-hop fields of {@code headers}; keeps {@code Upgrade} when {@code upgrading}. */
    public static void strip(HttpHeaders headers, boolean upgrading) {
        List<String> connection = headers.getAll(HttpHeaderNames.CONNECTION);
        for (String value : connection) {
            for (String token : value.split(",")) {
                String name = token.trim();
                if (!name.isEmpty() && !name.equalsIgnoreCase("close") && !name.equalsIgnoreCase("keep-alive")
                        && !(upgrading && name.equalsIgnoreCase("upgrade"))
                        && !name.equalsIgnoreCase("transfer-encoding")) {
                    headers.remove(name);
                }
            }
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
}
