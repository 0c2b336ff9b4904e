package io.mlbj.core.proxy;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.balance.ServerStatus;
import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.Server;
import io.mlbj.core.sticky.StickyCookieCodec;
import io.mlbj.core.sticky.StickyRequestDecision;
import io.mlbj.core.sticky.StickyResponseEdit;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.AsciiString;
import java.util.List;

/**
 * HAProxy's {@code cookie} persistence on the proxy's requests and responses: every backend with a
 * {@code cookie} line gets a {@link StickyCookieCodec} (made once per routing snapshot), the others
 * are balanced as usual. The default of {@code LbServerOptions}.
 */
public final class StickyCookiePersistence implements ServerPersistence {

    /** Persistence for every backend that has a {@code cookie} line. */
    public StickyCookiePersistence() {
    }

    /** The cookie persistence of {@code backend}, or null when it has no {@code cookie} line. */
    @Override
    public BackendPersistence<StickyRequestDecision> forBackend(Backend backend) {
        StickyCookieCodec codec = StickyCookieCodec.forBackend(backend);
        return codec == null ? null : new CookieHeaders(codec);
    }

    /** One backend's codec applied to Netty header maps. */
    private static final class CookieHeaders implements BackendPersistence<StickyRequestDecision> {
        private final StickyCookieCodec codec;

        CookieHeaders(StickyCookieCodec codec) {
            this.codec = requireNonNull(codec, "codec");
        }

        @Override
        public StickyRequestDecision onRequest(HttpRequest request, ServerStatus status) {
            HttpHeaders h = request.headers();
            StickyRequestDecision d = codec.decide(all(h, HttpHeaderNames.COOKIE), status);
            if (d.cookieHeadersChanged()) {
                h.remove(HttpHeaderNames.COOKIE);
                for (int i = 0, n = d.headerCount(); i < n; i++) {
                    CharSequence value = d.forwardedHeader(i);
                    if (value != null) {
                        // Decoded heads do not re-validate (see DecodedHeaders): a rewritten value is checked here.
                        // The codec only cuts cookies out of the request's own values.
                        DecodedHeaders.checkCutValue(HttpHeaderNames.COOKIE, value);
                        h.add(HttpHeaderNames.COOKIE, value);
                    }
                }
            }
            return d;
        }

        @Override
        public Server pinnedServer(StickyRequestDecision decision) {
            return decision.server();
        }

        @Override
        public void onResponse(StickyRequestDecision decision, Server answered, HttpRequest request,
                HttpResponse response) {
            HttpHeaders h = response.headers();
            StickyResponseEdit e = codec.rewriteResponse(decision, answered, request.method().name(),
                    response.status().code(), all(h, HttpHeaderNames.SET_COOKIE),
                    all(h, HttpHeaderNames.CACHE_CONTROL), all(h, HttpHeaderNames.PRAGMA));
            if (e.setCookieHeadersChanged()) {
                h.remove(HttpHeaderNames.SET_COOKIE);
                for (CharSequence value : e.setCookieHeaders()) {
                    DecodedHeaders.checkAddedValue(HttpHeaderNames.SET_COOKIE, value);
                }
                h.add(HttpHeaderNames.SET_COOKIE, e.setCookieHeaders());
            }
            if (e.addCacheControlPrivate()) {
                // HAProxy adds a header of its own and keeps the server's.
                h.add(HttpHeaderNames.CACHE_CONTROL, StickyResponseEdit.CACHE_CONTROL_PRIVATE);
            }
        }

        private static List<String> all(HttpHeaders h, AsciiString name) {
            // The usual absent header costs no list.
            return h.contains(name) ? h.getAll(name) : List.of();
        }
    }
}
