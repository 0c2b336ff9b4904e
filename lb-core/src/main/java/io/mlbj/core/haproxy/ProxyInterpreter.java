package io.mlbj.core.haproxy;

import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.BackendSelector;
import io.mlbj.core.routing.BindAddress;
import io.mlbj.core.routing.Frontend;
import io.mlbj.core.routing.FrontendLog;
import io.mlbj.core.routing.HttpRule;
import io.mlbj.core.routing.LogFormat;
import io.mlbj.core.routing.ProxyMode;
import io.mlbj.core.routing.RequestCondition;
import io.mlbj.core.routing.RouteRule;
import io.mlbj.core.routing.Server;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Interprets one {@code frontend}, {@code backend} or {@code listen} section with the settings of the
 * {@code defaults} before it. A {@code listen} gives a frontend and a backend of the same name; its rules
 * go to the frontend. Binds with different TLS settings give one {@link Frontend} each (same name).
 */
final class ProxyInterpreter {
    /** What one section produced, plus the backend names it refers to (checked once all are known). */
    record Result(List<Frontend> frontends, Backend backend, List<Map.Entry<Directive, String>> backendReferences) {}

    /** Keywords accepted without effect here (logging, error pages, captures, reuse hints, ...). */
    static final Set<String> SILENT = Set.of("log", "description", "errorfile", "errorloc", "errorloc302",
            "errorloc303", "capture", "unique-id-format", "unique-id-header", "http-reuse", "backlog",
            "load-server-state-from-file", "server-state-file-name", "log-format", "log-tag", "hash-type",
            "fullconn", "id", "bind-process", "grace", "declare", "email-alert", "log-format-sd",
            "http-send-name-header", "max-keep-alive-queue", "errorfiles", "http-error");
    private static final Set<String> LEGACY = Set.of("reqrep", "reqirep", "reqadd", "reqdel", "reqidel",
            "rsprep", "rspirep", "rspadd", "rspdel", "rspidel");

    private ProxyInterpreter() {}

    static Result interpret(Section section, ProxySettings defaults, GlobalSettings global, CompileContext ctx,
                            Problems problems) {
        String kind = section.keyword();
        boolean front = !kind.equals("backend");
        boolean back = !kind.equals("frontend");
        String name = section.name();
        ProxySettings s = defaults.copy();
        Map<String, RequestCondition> acls = acls(section, ctx, problems);
        RuleCompiler rules = new RuleCompiler(acls, ctx, problems);
        LegacyRuleTranslator legacy = new LegacyRuleTranslator(rules, problems);
        StatsDirectives stats = new StatsDirectives();
        RuleList tcpRules = new RuleList();
        RuleList requestRules = new RuleList();
        RuleList legacyRequest = new RuleList();
        RuleList redirects = new RuleList();
        RuleList responseRules = new RuleList();
        RuleList legacyResponse = new RuleList();
        List<BindLineParser.BindSpec> binds = new ArrayList<>();
        List<RouteRule> routes = new ArrayList<>();
        List<Server> servers = new ArrayList<>();
        List<Map.Entry<Directive, String>> references = new ArrayList<>();
        String defaultBackend = null;
        boolean disabled = false;

        for (Directive d : section.directives()) {
            String k = d.keyword();
            if (k.equals("acl")) {
                continue;
            }
            if (SettingsDirectives.KEYWORDS.contains(k)) {
                if (k.equals("cookie") && !back) {
                    problems.warn(d, "'cookie' ignored in a frontend (it belongs to the backend)");
                } else if (k.equals("option") && "forwardfor".equals(d.arg(0)) && !back) {
                    problems.warn(d, "'option forwardfor' in a frontend has no effect here;"
                            + " the backend's setting adds X-Forwarded-For");
                } else {
                    SettingsDirectives.apply(d, s, problems);
                }
                continue;
            }
            if (LEGACY.contains(k)) {
                legacy.translate(d, legacyRequest, legacyResponse);
                continue;
            }
            switch (k) {
                case "bind", "use_backend", "default_backend", "monitor-uri" -> {
                    if (!front) {
                        problems.error(d, "not allowed in a backend");
                        continue;
                    }
                    switch (k) {
                        case "bind" -> {
                            BindLineParser.BindSpec b = BindLineParser.parse(d, global, problems);
                            if (b != null) {
                                binds.add(b);
                            }
                        }
                        case "use_backend" -> {
                            RouteRule r = route(d, acls, ctx, problems, references);
                            if (r != null) {
                                routes.add(r);
                            }
                        }
                        case "default_backend" -> {
                            if (d.arg(0) == null) {
                                problems.error(d, "missing backend name");
                            } else {
                                defaultBackend = d.arg(0);
                                references.add(Map.entry(d, defaultBackend));
                            }
                        }
                        default -> stats.monitorUri(d, problems);
                    }
                }
                case "server" -> {
                    if (!back) {
                        problems.error(d, "not allowed in a frontend");
                        continue;
                    }
                    Server srv = ServerLineParser.parse(d, s, global.spreadChecks(), problems);
                    if (srv != null && unique(srv, servers, d, problems)) {
                        servers.add(srv);
                    }
                }
                case "http-request" -> rules.http(d, requestRules, false);
                case "http-response" -> rules.http(d, responseRules, true);
                case "redirect" -> rules.redirect(d, d.args(), redirects);
                case "tcp-request" -> rules.tcpRequest(d, tcpRules);
                case "stats" -> stats.stats(d, problems);
                case "disabled" -> disabled = true;
                case "enabled" -> disabled = false;
                default -> {
                    if (!SILENT.contains(k)) {
                        problems.unsupported(d, "unknown keyword '" + k + "' in " + kind + " section");
                    }
                }
            }
        }
        if (disabled) {
            problems.warn(section.file(), section.line(), kind + " " + name + " is disabled; skipped");
            return new Result(List.of(), null, List.of());
        }

        List<HttpRule> request = new ArrayList<>();
        if (stats.monitorRule() != null) {
            request.add(stats.monitorRule());
        }
        request.addAll(tcpRules.rules());
        request.addAll(requestRules.rules());
        request.addAll(legacyRequest.rules());
        request.addAll(redirects.rules());
        request.addAll(stats.statsRules());
        List<HttpRule> response = new ArrayList<>(responseRules.rules());
        response.addAll(legacyResponse.rules());
        if (s.mode == ProxyMode.TCP) {
            dropHttpOnly(section, request, problems);
            dropHttpOnly(section, response, problems);
        }

        Backend backend = null;
        if (back) {
            backend = new Backend(name, s.mode, s.balance, s.mode == ProxyMode.HTTP ? s.cookie : null, servers,
                    s.forwardFor, s.serverClose, s.redispatch, s.retries,
                    front ? List.of() : request, front ? List.of() : response, s.timeouts(), s.allBackups);
        }
        List<Frontend> frontends = new ArrayList<>();
        if (front) {
            if (defaultBackend == null && back) {
                defaultBackend = name;
            }
            if (binds.isEmpty()) {
                problems.warn(section.file(), section.line(), kind + " " + name + " has no bind; it listens nowhere");
            }
            // One Frontend per distinct (TLS, accept-proxy) setting of its binds, in first-seen order.
            Map<List<Object>, List<BindAddress>> groups = new LinkedHashMap<>();
            for (BindLineParser.BindSpec b : binds) {
                List<Object> key = java.util.Arrays.asList(b.tls(), b.acceptProxy());
                groups.computeIfAbsent(key, x -> new ArrayList<>()).addAll(b.addresses());
            }
            for (Map.Entry<List<Object>, List<BindAddress>> g : groups.entrySet()) {
                frontends.add(new Frontend(name, g.getValue(), s.mode,
                        (io.mlbj.core.routing.FrontendTls) g.getKey().get(0), routes, defaultBackend, request,
                        response, s.timeouts(), s.maxConnections, (Boolean) g.getKey().get(1), frontendLog(s)));
            }
        }
        return new Result(frontends, backend, references);
    }

    /** As HAProxy, {@code option httplog} in a TCP-mode proxy falls back to {@code tcplog}. */
    private static FrontendLog frontendLog(ProxySettings s) {
        FrontendLog.Format f = s.logFormat == FrontendLog.Format.HTTP && s.mode == ProxyMode.TCP
                ? FrontendLog.Format.TCP : s.logFormat;
        return f == FrontendLog.Format.NONE && !s.dontLogNull ? FrontendLog.NONE : new FrontendLog(f, s.dontLogNull);
    }

    private static Map<String, RequestCondition> acls(Section section, CompileContext ctx, Problems problems) {
        Map<String, List<RequestCondition>> byName = new LinkedHashMap<>();
        for (Directive d : section.directives()) {
            if (!d.keyword().equals("acl")) {
                continue;
            }
            if (d.args().size() < 2) {
                problems.error(d, "expected 'acl NAME CRITERION [flags] [values]'");
                continue;
            }
            try {
                RequestCondition c = AclCompiler.compile(d.args().subList(1, d.args().size()), d, ctx);
                byName.computeIfAbsent(d.arg(0), x -> new ArrayList<>()).add(c);
            } catch (CompileError e) {
                problems.error(d, e.getMessage());
            }
        }
        Map<String, RequestCondition> out = new java.util.HashMap<>();
        byName.forEach((n, list) -> out.put(n,
                new Conditions.Named(n, list.size() == 1 ? list.get(0) : new Conditions.AnyOf(list))));
        return out;
    }

    private static RouteRule route(Directive d, Map<String, RequestCondition> acls, CompileContext ctx,
                                   Problems problems, List<Map.Entry<Directive, String>> references) {
        String target = d.arg(0);
        if (target == null) {
            problems.error(d, "missing backend name");
            return null;
        }
        try {
            RequestCondition c = ConditionCompiler.compile(d.args().subList(1, d.args().size()), acls, d, ctx);
            BackendSelector selector;
            if (target.contains("%[")) {
                LogFormat f = LogFormatCompiler.compile(target, d, ctx);
                selector = new DynamicBackend(f);
            } else {
                selector = BackendSelector.fixed(target);
                references.add(Map.entry(d, target));
            }
            return new RouteRule(c, selector, RuleCompiler.source(d));
        } catch (CompileError e) {
            problems.error(d, e.getMessage());
            return null;
        }
    }

    private static boolean unique(Server srv, List<Server> servers, Directive d, Problems problems) {
        for (Server other : servers) {
            if (other.name().equals(srv.name())) {
                problems.error(d, "server name '" + srv.name() + "' is used twice in this backend");
                return false;
            }
            if (srv.id() != 0 && other.id() == srv.id()) {
                problems.error(d, "server id " + srv.id() + " is used twice in this backend");
                return false;
            }
        }
        return true;
    }

    /** In mode tcp HAProxy ignores HTTP rules: they are dropped with a warning; rejects stay. */
    private static void dropHttpOnly(Section section, List<HttpRule> rules, Problems problems) {
        rules.removeIf(r -> {
            if (r.action() instanceof io.mlbj.core.routing.HttpAction.Reject) {
                return false;
            }
            problems.warn(section.file(), section.line(), section.keyword() + " " + section.name()
                    + " is in mode tcp: HTTP rule ignored: " + r.source());
            return true;
        });
    }
}
