package io.mlbj.core.haproxy;

import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.Frontend;
import io.mlbj.core.routing.HttpAction;
import io.mlbj.core.routing.HttpRule;
import io.mlbj.core.routing.RouteRule;
import io.mlbj.core.routing.RoutingSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a snapshot to a test request the way HAProxy would: frontend rules, routing, backend rules;
 * header actions change the request, the first answering action (redirect, deny, auth, service,
 * reject) ends it.
 */
final class RouteEvaluator {
    /** The result: the answering action, or the backend chosen (null = 503), and the request as sent on. */
    record Outcome(HttpAction answer, String backend, TestRequest request) {}

    private RouteEvaluator() {}

    static Outcome evaluate(RoutingSnapshot snapshot, String frontendName, TestRequest request) {
        Frontend f = snapshot.frontends().stream().filter(x -> x.name().equals(frontendName)).findFirst()
                .orElseThrow(() -> new AssertionError("no frontend " + frontendName));
        HttpAction answer = apply(f.requestRules(), request);
        if (answer != null) {
            return new Outcome(answer, null, request);
        }
        String backend = null;
        boolean decided = false;
        for (RouteRule r : f.rules()) {
            if (r.condition().matches(request)) {
                backend = r.target().select(request);
                decided = true;
                break;
            }
        }
        if (!decided || snapshot.backend(backend) == null) {
            backend = f.defaultBackend();
        }
        Backend b = snapshot.backend(backend);
        if (b == null) {
            return new Outcome(null, null, request);
        }
        answer = apply(b.requestRules(), request);
        if (b.forwardFor() && answer == null) {
            request.header("X-Forwarded-For", request.clientAddress().getHostAddress());
        }
        return new Outcome(answer, backend, request);
    }

    private static HttpAction apply(List<HttpRule> rules, TestRequest request) {
        for (HttpRule rule : rules) {
            if (!rule.condition().matches(request)) {
                continue;
            }
            HttpAction a = rule.action();
            if (a instanceof HttpAction.SetHeader s) {
                String v = s.value().format(request);
                request.headers.put(s.name(), new ArrayList<>(List.of(v)));
            } else if (a instanceof HttpAction.AddHeader s) {
                request.header(s.name(), s.value().format(request));
            } else if (a instanceof HttpAction.DelHeader s) {
                request.headers.remove(s.name());
            } else if (a instanceof HttpAction.ReplacePath p) {
                String q = request.uri.contains("?") ? request.uri.substring(request.uri.indexOf('?')) : "";
                request.uri = HaproxyRegex.rewrite(p.regex(), request.path(), p.replacement()) + q;
            } else if (a instanceof HttpAction.SetPath p) {
                request.uri = p.path().format(request);
            } else if (!(a instanceof HttpAction.SetVariable) && !(a instanceof HttpAction.ReplaceHeader)) {
                return a;
            }
        }
        return null;
    }
}
