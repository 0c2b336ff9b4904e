package io.mlbj.core.haproxy;

import io.mlbj.core.routing.HttpAction;
import io.mlbj.core.routing.HttpRule;
import io.mlbj.core.routing.RequestCondition;
import io.mlbj.core.routing.RequestView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A proxy's built-in endpoints: {@code stats enable|uri|auth|realm} become a
 * {@code UseService("stats")} rule (behind an {@code Auth} rule when {@code stats auth} is given),
 * {@code monitor-uri PATH} a {@code UseService("health")} rule.
 */
final class StatsDirectives {
    private static final Set<String> SILENT = Set.of("admin", "refresh", "hide-version", "show-legends",
            "show-node", "show-desc", "scope", "bind-process", "http-request", "maxconn", "timeout", "socket");

    private boolean enabled;
    private String uri = "/haproxy?stats";
    private String realm = "HAProxy Statistics";
    private final Map<String, Userlist.Password> users = new HashMap<>();
    private HttpRule monitor;

    /** Reads one {@code stats ...} line. */
    void stats(Directive d, Problems problems) {
        String sub = d.arg(0);
        if (sub == null) {
            problems.error(d, "missing stats keyword");
            return;
        }
        switch (sub) {
            case "enable" -> enabled = true;
            case "disable" -> enabled = false;
            case "uri" -> {
                enabled = true;
                uri = arg(d, problems, uri);
            }
            case "realm" -> {
                enabled = true;
                realm = arg(d, problems, realm);
            }
            case "auth" -> {
                enabled = true;
                String up = arg(d, problems, "");
                int colon = up.indexOf(':');
                if (colon <= 0) {
                    problems.error(d, "'stats auth' expects USER:PASSWORD");
                } else {
                    users.put(up.substring(0, colon), new Userlist.Password(up.substring(colon + 1), true));
                }
            }
            default -> {
                if (!SILENT.contains(sub)) {
                    problems.unsupported(d, "unknown keyword 'stats " + sub + "'");
                }
            }
        }
    }

    /** Reads {@code monitor-uri PATH}. */
    void monitorUri(Directive d, Problems problems) {
        String path = arg(d, problems, null);
        if (path != null) {
            monitor = new HttpRule(new HttpAction.UseService("health"), exactUri(path), RuleCompiler.source(d));
        }
    }

    /** The monitor rule, evaluated before every other rule (as HAProxy does), or null. */
    HttpRule monitorRule() {
        return monitor;
    }

    /** The stats rules, evaluated after the section's own rules; empty when stats are off. */
    List<HttpRule> statsRules() {
        if (!enabled) {
            return List.of();
        }
        RequestCondition onUri = new Conditions.StringMatch("url", RequestView::uri, MatchMethod.BEG, false,
                List.of(uri), Set.of(), List.of());
        HttpRule serve = new HttpRule(new HttpAction.UseService("stats"), onUri, "stats uri " + uri);
        if (users.isEmpty()) {
            return List.of(serve);
        }
        Userlist list = new Userlist("stats", users);
        RequestCondition authorized = new Conditions.BooleanMatch("http_auth(stats)",
                r -> list.authenticates(r.header("authorization")));
        RequestCondition challenge = new Conditions.AllOf(List.of(onUri, new Conditions.Not(authorized)));
        return List.of(new HttpRule(new HttpAction.Auth(realm), challenge, "stats auth"), serve);
    }

    private static RequestCondition exactUri(String uri) {
        return new Conditions.StringMatch("url", RequestView::uri, MatchMethod.STR, false, List.of(uri),
                Set.of(uri), List.of());
    }

    private static String arg(Directive d, Problems problems, String fallback) {
        String v = d.arg(1);
        if (d.keyword().equals("monitor-uri")) {
            v = d.arg(0);
        }
        if (v == null) {
            problems.error(d, "missing value");
            return fallback;
        }
        return v;
    }
}
