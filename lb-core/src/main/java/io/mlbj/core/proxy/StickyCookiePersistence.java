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
            List<String> cookies = all(h, HttpHeaderNames.COOKIE);
            StickyRequestDecision d = codec.decide(cookies, status);
            if (d.cookieHeadersChanged()) {
                if (h instanceof ScannedHeaders scanned) {
                    editInPlace(scanned, cookies, d);
                } else {
                    // A head Netty decoded: its map cannot replace a value in place, so the edited ones go last.
                    h.remove(HttpHeaderNames.COOKIE);
                    for (int i = 0, n = d.headerCount(); i < n; i++) {
                        CharSequence value = d.forwardedHeader(i);
                        if (value != null) {
                            h.add(HttpHeaderNames.COOKIE, checked(value));
                        }
                    }
                }
            }
            return d;
        }

        // As HAProxy does: each Cookie header edited where it stands, removed when nothing is left of it; the
        // decision gives an unedited header back as the very value it was given (`cookies`), left as it is.
        private static void editInPlace(ScannedHeaders h, List<String> cookies, StickyRequestDecision d) {
            int field = h.indexOf(HttpHeaderNames.COOKIE, 0);
            for (int i = 0, n = d.headerCount(); i < n && field >= 0; i++) {
                CharSequence value = d.forwardedHeader(i);
                if (value == null) {
                    h.removeAt(field);
                    field = h.indexOf(HttpHeaderNames.COOKIE, field);
                    continue;
                }
                if (value != cookies.get(i)) {
                    h.replaceAt(field, HttpHeaderNames.COOKIE, checked(value));
                }
                field = h.indexOf(HttpHeaderNames.COOKIE, field + 1);
            }
        }

        // Decoded heads do not re-validate (see DecodedHeaders): a rewritten value is checked here.
        // The codec only cuts cookies out of the request's own values.
        private static CharSequence checked(CharSequence value) {
            DecodedHeaders.checkCutValue(HttpHeaderNames.COOKIE, value);
            return value;
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
