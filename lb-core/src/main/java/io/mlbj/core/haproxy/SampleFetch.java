package io.mlbj.core.haproxy;

import io.mlbj.core.routing.RequestView;
import java.net.InetAddress;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * A compiled HAProxy sample fetch ({@code req.hdr(host)}, {@code ssl_fc}, {@code src}, ...): its type and
 * how to read it from a request. Every fetch reads as text (HAProxy's cast to string); booleans,
 * integers and addresses also read natively for ACL matching.
 */
record SampleFetch(
        String expression,
        Type type,
        Function<RequestView, String> text,
        Predicate<RequestView> bool,
        ToLongFunction<RequestView> integer,
        Function<RequestView, InetAddress> address) {

    /** The sample type, which decides the default ACL match method. */
    enum Type { STRING, BOOLEAN, INTEGER, ADDRESS }

    // Integer fetches are formatted per request (dst_port in X-Forwarded-Port on every one) and the values
    // repeat, so the text of each small number is made once. Strings are immutable: a racy fill is safe.
    private static final String[] SMALL_NUMBERS = new String[65536];

    static SampleFetch string(String expr, Function<RequestView, String> f) {
        return new SampleFetch(expr, Type.STRING, f, null, null, null);
    }

    static SampleFetch bool(String expr, Predicate<RequestView> p) {
        return new SampleFetch(expr, Type.BOOLEAN, r -> p.test(r) ? "1" : "0", p, null, null);
    }

    static SampleFetch integer(String expr, ToLongFunction<RequestView> f) {
        return new SampleFetch(expr, Type.INTEGER, r -> numberText(f.applyAsLong(r)), null, f, null);
    }

    /** {@code Long.toString(value)}, made once for values up to 65535. */
    static String numberText(long value) {
        if (value < 0 || value >= SMALL_NUMBERS.length) {
            return Long.toString(value);
        }
        String text = SMALL_NUMBERS[(int) value];
        if (text == null) {
            text = Long.toString(value);
            SMALL_NUMBERS[(int) value] = text;
        }
        return text;
    }

    static SampleFetch address(String expr, Function<RequestView, InetAddress> f) {
        return new SampleFetch(expr, Type.ADDRESS, r -> {
            InetAddress a = f.apply(r);
            return a == null ? null : a.getHostAddress();
        }, null, null, f);
    }

    /** The fetch {@code call} names, or a CompileError for a fetch outside the supported set. */
    static SampleFetch compile(SampleCall call, CompileContext ctx) throws CompileError {
        String name = call.name();
        String expr = call.args().isEmpty() ? name : name + "(" + String.join(",", call.args()) + ")";
        switch (name) {
            case "src":
                return address(expr, RequestView::clientAddress);
            case "dst_port":
                return integer(expr, RequestView::frontendPort);
            case "ssl_fc":
                return bool(expr, RequestView::isTls);
            case "ssl_fc_sni":
            case "req.ssl_sni":
            case "req_ssl_sni":
                return string(expr, RequestView::sni);
            case "req_ssl_hello_type":
            case "req.ssl_hello_type":
                // The proxy peeks the ClientHello itself; a hello is known to be there when SNI or TLS is.
                return integer(expr, r -> r.sni() != null || r.isTls() ? 1 : 0);
            case "hdr":
            case "req.hdr":
            case "req.fhdr":
            case "res.hdr":
            case "res.fhdr":
            case "shdr": {
                String header = call.requiredArg(0, "header name");
                return string(expr, r -> r.header(header));
            }
            case "path":
                return string(expr, RequestView::path);
            case "url":
            case "pathq":
                return string(expr, RequestView::uri);
            case "base":
                return string(expr, r -> {
                    String host = r.header("host");
                    String path = r.path();
                    return path == null ? null : (host == null ? "" : host) + path;
                });
            case "always_true":
                return bool(expr, r -> true);
            case "always_false":
                return bool(expr, r -> false);
            case "http_auth": {
                String list = call.requiredArg(0, "userlist name");
                Userlist userlist = ctx.userlists.get(list);
                if (userlist == null) {
                    throw new CompileError("http_auth: no userlist named '" + list + "'");
                }
                return bool(expr, r -> userlist.authenticates(r.header("authorization")));
            }
            case "nbsrv": {
                String backend = call.requiredArg(0, "backend name");
                java.util.Map<String, Integer> counts = ctx.serverCounts;
                return integer(expr, r -> {
                    if (r instanceof ServerCountView v) {
                        return v.usableServers(backend);
                    }
                    return counts.getOrDefault(backend, 0);
                });
            }
            default:
                throw new CompileError("sample fetch '" + name + "' is not supported");
        }
    }

    /** Names accepted by {@link #compile}, for the ACL keyword suffix forms ({@code hdr_beg}, ...). */
    static final List<String> NAMES = List.of("src", "dst_port", "ssl_fc", "ssl_fc_sni", "req.ssl_sni",
            "req_ssl_sni", "req_ssl_hello_type", "req.ssl_hello_type", "hdr", "req.hdr", "req.fhdr", "res.hdr",
            "res.fhdr", "shdr", "path", "url", "pathq", "base", "always_true", "always_false", "http_auth",
            "nbsrv");
}
