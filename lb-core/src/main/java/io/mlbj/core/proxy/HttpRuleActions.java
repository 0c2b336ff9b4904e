package io.mlbj.core.proxy;

import io.mlbj.core.routing.HttpAction;
import io.mlbj.core.routing.HttpRule;
import io.mlbj.core.routing.RequestView;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies {@code http-request}/{@code http-response} rules to a message in order, as HAProxy does:
 * header and path rewrites in place, and a local answer (redirect, deny, auth) that stops the chain.
 */
public final class HttpRuleActions {
    // An AsciiString: the headers hash it once, not on every request (a String name is hashed per lookup).
    private static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");
    private static final Pattern BACKREF = Pattern.compile("\\\\([0-9])");

    private HttpRuleActions() {}

    /**
     * Applies request rules to {@code request}; returns the local answer of a redirect/deny/auth rule
     * (the rules after it are not run), or null when the request goes on.
     */
    public static FullHttpResponse applyToRequest(List<HttpRule> rules, HttpRequest request, RequestView view) {
        return applyToRequest(rules, request, view, LocalServices.NONE);
    }

    /** As {@link #applyToRequest(List, HttpRequest, RequestView)}; {@code use-service} rules answer through {@code services}. */
    public static FullHttpResponse applyToRequest(List<HttpRule> rules, HttpRequest request, RequestView view,
            LocalServices services) {
        if (addsForwardedProto(rules)) {
            // Deliberate difference from HAProxy: a chain that adds X-Forwarded-Proto owns the header, so
            // the client's own value is dropped first (even when the add does not fire, e.g. plain HTTP).
            request.headers().remove(X_FORWARDED_PROTO);
        }
        // Indexed loops: an iterator per rule list and request is garbage the JIT does not always remove.
        for (int i = 0; i < rules.size(); i++) {
            HttpRule rule = rules.get(i);
            if (!rule.condition().matches(view)) {
                continue;
            }
            HttpAction action = rule.action();
            if (action instanceof HttpAction.SetPath a) {
                request.setUri(withPath(request.uri(), a.path().format(view)));
            } else if (action instanceof HttpAction.ReplacePath a) {
                String path = view.path();
                Matcher m = a.regex().matcher(path);
                if (m.find()) {
                    request.setUri(withPath(request.uri(), expand(a.replacement(), m)));
                }
            } else if (action instanceof HttpAction.Redirect a) {
                return redirect(a, request, view);
            } else if (action instanceof HttpAction.Deny a) {
                return ErrorResponses.of(HttpResponseStatus.valueOf(a.status() == 0 ? 403 : a.status()));
            } else if (action instanceof HttpAction.UseService a) {
                FullHttpResponse answer = services.serve(a.service(), request, view);
                if (answer != null) {
                    return answer;
                }
            } else if (action instanceof HttpAction.Auth a) {
                FullHttpResponse r = ErrorResponses.of(HttpResponseStatus.UNAUTHORIZED);
                r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Basic realm=\"" + a.realm() + "\"");
                return r;
            } else {
                applyHeaderAction(action, request.headers(), view);
            }
        }
        return null;
    }

    /** Applies response rules (header actions only; others are ignored) to {@code headers}. */
    public static void applyToResponse(List<HttpRule> rules, HttpHeaders headers, RequestView view) {
        for (int i = 0; i < rules.size(); i++) {
            HttpRule rule = rules.get(i);
            if (rule.condition().matches(view)) {
                applyHeaderAction(rule.action(), headers, view);
            }
        }
    }

    private static boolean addsForwardedProto(List<HttpRule> rules) {
        for (int i = 0; i < rules.size(); i++) {
            HttpRule rule = rules.get(i);
            if (rule.action() instanceof HttpAction.AddHeader a && X_FORWARDED_PROTO.contentEqualsIgnoreCase(a.name())) {
                return true;
            }
        }
        return false;
    }

    private static void applyHeaderAction(HttpAction action, HttpHeaders headers, RequestView view) {
        // Decoded heads do not re-validate (see DecodedHeaders): what a rule adds is checked here.
        if (action instanceof HttpAction.SetHeader a) {
            headers.set(a.name(), checked(a.name(), a.value().format(view)));
        } else if (action instanceof HttpAction.AddHeader a) {
            if (X_FORWARDED_PROTO.contentEqualsIgnoreCase(a.name())) {
                // Deliberate difference from HAProxy: X-Forwarded-Proto is set, not appended, so a
                // client cannot forge "https" by sending the header itself.
                headers.set(a.name(), checked(a.name(), a.value().format(view)));
            } else {
                headers.add(a.name(), checked(a.name(), a.value().format(view)));
            }
        } else if (action instanceof HttpAction.DelHeader a) {
            headers.remove(a.name());
        } else if (action instanceof HttpAction.ReplaceHeader a) {
            List<String> values = headers.getAll(a.name());
            if (values.isEmpty()) {
                return;
            }
            List<String> replaced = new ArrayList<>(values.size());
            for (String v : values) {
                Matcher m = a.regex().matcher(v);
                // HAProxy replaces the whole value by the expanded replacement when the regex matches.
                replaced.add(m.find() ? checked(a.name(), expand(a.replacement(), m)) : v);
            }
            headers.set(a.name(), replaced);
        }
        // UseService and SetVariable have no effect on the forwarded message.
    }

    // The name is a token: HttpAction checked it when the rule was made.
    private static String checked(String name, String value) {
        DecodedHeaders.checkAddedValue(name, value);
        return value;
    }

    private static FullHttpResponse redirect(HttpAction.Redirect a, HttpRequest request, RequestView view) {
        String uri = NettyRequestView.originForm(request.uri());
        if (a.dropQuery()) {
            int q = uri.indexOf('?');
            uri = q < 0 ? uri : uri.substring(0, q);
        }
        String value = a.value().format(view);
        String location;
        switch (a.kind()) {
            case SCHEME -> {
                String host = request.headers().get(HttpHeaderNames.HOST);
                if (host == null) {
                    return null;
                }
                location = value + "://" + host + uri;
            }
            case PREFIX -> location = value.equals("/") ? uri : value + uri;
            default -> location = value;
        }
        FullHttpResponse r = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(a.code()), Unpooled.EMPTY_BUFFER);
        r.headers()
                .set(HttpHeaderNames.CONTENT_LENGTH, 0)
                .set(HttpHeaderNames.LOCATION, location)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
        return r;
    }

    private static String withPath(String uri, String path) {
        String origin = NettyRequestView.originForm(uri);
        int q = origin.indexOf('?');
        return q < 0 ? path : path + origin.substring(q);
    }

    /** Expands HAProxy's {@code \1}..{@code \9} back-references of {@code replacement}. */
    static String expand(String replacement, Matcher m) {
        Matcher refs = BACKREF.matcher(replacement);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (refs.find()) {
            out.append(replacement, last, refs.start());
            int group = refs.group(1).charAt(0) - '0';
            if (group <= m.groupCount() && m.group(group) != null) {
                out.append(m.group(group));
            }
            last = refs.end();
        }
        return out.append(replacement, last, replacement.length()).toString();
    }
}
