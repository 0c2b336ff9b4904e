package io.mlbj.core.haproxy;

import io.mlbj.core.routing.HttpAction;
import io.mlbj.core.routing.HttpRule;
import io.mlbj.core.routing.LogFormat;
import io.mlbj.core.routing.RequestCondition;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles the rule lines of one section into {@link HttpRule}s: {@code http-request},
 * {@code http-response}, {@code redirect} and {@code tcp-request}; HAProxy 1.x {@code req*}/{@code rsp*}
 * lines go through {@link LegacyRuleTranslator}.
 */
final class RuleCompiler {
    private static final Set<String> SILENT_ACTIONS = Set.of("capture", "set-log-level", "set-nice", "set-tos",
            "set-mark", "early-hint", "wait-for-handshake", "do-resolve");

    private final Map<String, RequestCondition> acls;
    private final CompileContext ctx;
    private final Problems problems;

    RuleCompiler(Map<String, RequestCondition> acls, CompileContext ctx, Problems problems) {
        this.acls = acls;
        this.ctx = ctx;
        this.problems = problems;
    }

    /** {@code http-request ACTION ...} or {@code http-response ACTION ...}. */
    void http(Directive d, RuleList out, boolean response) {
        String action = d.arg(0);
        if (action == null) {
            problems.error(d, "missing action");
            return;
        }
        List<String> a = d.args();
        try {
            switch (action) {
                case "set-header", "add-header" -> {
                    need(a, 3, "NAME FORMAT");
                    headerName(a.get(1));
                    LogFormat value = LogFormatCompiler.compile(a.get(2), d, ctx);
                    add(out, d, action.equals("set-header") ? new HttpAction.SetHeader(a.get(1), value)
                            : new HttpAction.AddHeader(a.get(1), value), 3);
                }
                case "del-header" -> {
                    need(a, 2, "NAME");
                    add(out, d, new HttpAction.DelHeader(a.get(1)), 2);
                }
                case "replace-header" -> {
                    need(a, 4, "NAME REGEX REPLACEMENT");
                    add(out, d, new HttpAction.ReplaceHeader(a.get(1), SampleExpression.regex(a.get(2), false),
                            a.get(3)), 4);
                }
                case "allow" -> out.allow(ConditionCompiler.compile(a.subList(1, a.size()), acls, d, ctx));
                case "deny" -> {
                    int status = 403;
                    int next = 1;
                    if ("deny_status".equals(d.arg(1))) {
                        need(a, 3, "deny_status CODE");
                        status = Durations.integer(a.get(2), 200, 599, "deny_status");
                        next = 3;
                    }
                    add(out, d, new HttpAction.Deny(status), next);
                }
                case "redirect" -> {
                    if (response) {
                        unsupported(d, action);
                    } else {
                        redirect(d, a.subList(1, a.size()), out);
                    }
                }
                default -> {
                    if (response) {
                        unsupported(d, action);
                    } else {
                        requestOnly(d, action, a, out);
                    }
                }
            }
        } catch (CompileError e) {
            problems.error(d, e.getMessage());
        }
    }

    private void requestOnly(Directive d, String action, List<String> a, RuleList out) throws CompileError {
        switch (action) {
            case "auth" -> {
                String realm = "";
                int next = 1;
                if ("realm".equals(d.arg(1))) {
                    need(a, 3, "realm REALM");
                    realm = a.get(2);
                    next = 3;
                }
                add(out, d, new HttpAction.Auth(realm), next);
            }
            case "set-path" -> {
                need(a, 2, "FORMAT");
                add(out, d, new HttpAction.SetPath(LogFormatCompiler.compile(a.get(1), d, ctx)), 2);
            }
            case "replace-path" -> {
                need(a, 3, "REGEX REPLACEMENT");
                add(out, d, new HttpAction.ReplacePath(SampleExpression.regex(a.get(1), false), a.get(2)), 3);
            }
            case "use-service" -> {
                need(a, 2, "SERVICE");
                String service = a.get(1).startsWith("lua.") ? a.get(1).substring(4) : a.get(1);
                add(out, d, new HttpAction.UseService(service), 2);
            }
            default -> {
                if (action.startsWith("set-var(") && action.endsWith(")")) {
                    need(a, 2, "EXPRESSION");
                    SampleExpression e = SampleExpression.compile(a.get(1), d, ctx);
                    LogFormat value = new LogFormat(List.of(new LogFormat.Fetch(a.get(1), e)), a.get(1));
                    add(out, d, new HttpAction.SetVariable(action.substring(8, action.length() - 1), value), 2);
                } else if (!SILENT_ACTIONS.contains(action)) {
                    unsupported(d, action);
                }
            }
        }
    }

    /** {@code redirect location|prefix|scheme VALUE [code N] [drop-query] ... [cond]}, options in any order. */
    void redirect(Directive d, List<String> a, RuleList out) {
        try {
            HttpAction.Redirect.Kind kind = null;
            LogFormat value = null;
            int code = 302;
            boolean dropQuery = false;
            int i = 0;
            for (; i < a.size() && !a.get(i).equals("if") && !a.get(i).equals("unless"); i++) {
                String o = a.get(i);
                switch (o) {
                    case "location", "prefix", "scheme" -> {
                        if (kind != null) {
                            throw new CompileError("only one of location, prefix or scheme is allowed");
                        }
                        need(a, i + 2, o + " VALUE");
                        kind = HttpAction.Redirect.Kind.valueOf(o.toUpperCase(java.util.Locale.ROOT));
                        value = LogFormatCompiler.compile(a.get(++i), d, ctx);
                    }
                    case "code" -> {
                        need(a, i + 2, "code N");
                        code = Durations.integer(a.get(++i), 301, 308, "code");
                        if (code > 303 && code < 307) {
                            throw new CompileError("code: " + code + " (expected: 301, 302, 303, 307 or 308)");
                        }
                    }
                    case "drop-query" -> dropQuery = true;
                    case "append-slash", "ignore-empty" -> { }
                    case "set-cookie", "clear-cookie" -> {
                        problems.unsupported(d, "redirect: '" + o + "' is not supported (ignored)");
                        i++;
                    }
                    default -> throw new CompileError("unknown option '" + o + "'");
                }
            }
            if (kind == null) {
                throw new CompileError("expected one of location, prefix or scheme");
            }
            RequestCondition c = ConditionCompiler.compile(a.subList(i, a.size()), acls, d, ctx);
            out.add(new HttpRule(new HttpAction.Redirect(kind, value, code, dropQuery), c, source(d)));
        } catch (CompileError e) {
            problems.error(d, e.getMessage());
        }
    }

    /**
     * {@code tcp-request content|connection|session accept|reject [cond]}; {@code reject} becomes a
     * {@link HttpAction.Reject} rule (evaluated once per connection in TCP mode), {@code accept} ends the
     * tcp-request rules like {@code allow}. {@code inspect-delay} needs nothing here.
     */
    void tcpRequest(Directive d, RuleList out) {
        String kind = d.arg(0);
        if ("inspect-delay".equals(kind)) {
            return;
        }
        if (!"content".equals(kind) && !"connection".equals(kind) && !"session".equals(kind)) {
            problems.unsupported(d, "tcp-request '" + kind + "' is not supported (ignored)");
            return;
        }
        String action = d.arg(1);
        List<String> rest = d.args().subList(Math.min(2, d.args().size()), d.args().size());
        try {
            if ("accept".equals(action)) {
                out.allow(ConditionCompiler.compile(rest, acls, d, ctx));
            } else if ("reject".equals(action)) {
                out.add(new HttpRule(new HttpAction.Reject(), ConditionCompiler.compile(rest, acls, d, ctx), source(d)));
            } else {
                problems.unsupported(d, "tcp-request action '" + action + "' is not supported (ignored)");
            }
        } catch (CompileError e) {
            problems.error(d, e.getMessage());
        }
    }

    /** Adds {@code action} with the condition written from word {@code next} on. */
    void add(RuleList out, Directive d, HttpAction action, int next) throws CompileError {
        List<String> a = d.args();
        RequestCondition c = ConditionCompiler.compile(a.subList(Math.min(next, a.size()), a.size()), acls, d, ctx);
        out.add(new HttpRule(action, c, source(d)));
    }

    /** The condition of a rule whose words from {@code next} on are {@code if|unless ...}. */
    RequestCondition condition(Directive d, int next) throws CompileError {
        List<String> a = d.args();
        return ConditionCompiler.compile(a.subList(Math.min(next, a.size()), a.size()), acls, d, ctx);
    }

    /** {@code file:line: words}, the rule's origin shown on the stats page and in logs. */
    static String source(Directive d) {
        StringBuilder sb = new StringBuilder(d.file().length() + 64);
        sb.append(d.file()).append(':').append(d.line()).append(": ").append(d.keyword());
        for (String a : d.args()) {
            sb.append(' ').append(a);
        }
        return sb.toString();
    }

    private void unsupported(Directive d, String action) {
        problems.unsupported(d, d.keyword() + " action '" + action + "' is not supported (ignored)");
    }

    /** A header name a rule adds: a token, or the line is refused (a request would otherwise carry a broken head). */
    static void headerName(String name) throws CompileError {
        if (!HttpAction.isHeaderName(name)) {
            throw new CompileError("header name '" + name + "' is not a token");
        }
    }

    private static void need(List<String> a, int size, String expected) throws CompileError {
        if (a.size() < size) {
            throw new CompileError("missing arguments (expected: " + expected + ")");
        }
    }
}
