package io.mlbj.core.haproxy;

import io.mlbj.core.routing.Balance;
import io.mlbj.core.routing.FrontendLog;
import io.mlbj.core.routing.HttpCheckExpect;
import io.mlbj.core.routing.ProxyMode;
import io.mlbj.core.routing.StickyCookie;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The directives that set {@link ProxySettings}, in {@code defaults} and in proxies alike:
 * {@code mode balance timeout option/no option retries maxconn cookie default-server} and the old
 * {@code contimeout/clitimeout/srvtimeout}.
 */
final class SettingsDirectives {
    static final Set<String> KEYWORDS = Set.of("mode", "balance", "timeout", "option", "no", "retries",
            "maxconn", "cookie", "default-server", "contimeout", "clitimeout", "srvtimeout", "http-check");
    private static final Set<String> TIMEOUTS = Set.of("connect", "client", "server", "http-request",
            "http-keep-alive", "tunnel", "queue", "check", "tarpit", "client-fin", "server-fin");
    /** Options with no effect on routing here (logging, socket tuning, HTX switches). */
    private static final Set<String> SILENT_OPTIONS = Set.of("httpslog",
            "dontlog-normal", "log-health-checks", "log-separate-errors", "logasap", "splice-auto",
            "splice-request", "splice-response", "http-ignore-probes", "tcpka", "clitcpka", "srvtcpka",
            "contstats", "socket-stats", "http-buffer-request", "abortonclose", "prefer-last-server",
            "http-no-delay", "independent-streams", "nolinger", "http-pretend-keepalive", "http-use-htx",
            "http-tunnel", "checkcache", "http-use-proxy-header", "h1-case-adjust-bogus-client",
            "h1-case-adjust-bogus-server", "disable-h2-upgrade", "idle-close-on-response", "tcp-smart-accept",
            "tcp-smart-connect", "http-restrict-req-hdr-names");
    private static final Set<String> OTHER_CHECKS = Set.of("ssl-hello-chk", "smtpchk", "mysql-check",
            "pgsql-check", "redis-check", "ldap-check", "spop-check", "external-check");

    private SettingsDirectives() {}

    /** Applies {@code d} (one of {@link #KEYWORDS}) to {@code s}. */
    static void apply(Directive d, ProxySettings s, Problems problems) {
        try {
            switch (d.keyword()) {
                case "mode" -> s.mode = switch (String.valueOf(d.arg(0))) {
                    case "http" -> ProxyMode.HTTP;
                    case "tcp" -> ProxyMode.TCP;
                    default -> throw new CompileError("'" + d.arg(0) + "' (expected: http or tcp)");
                };
                case "balance" -> {
                    Balance b = balance(d.args());
                    if (b == null) {
                        problems.unsupported(d, "balance '" + d.arg(0) + "' is not supported; roundrobin is used");
                        b = Balance.ROUNDROBIN;
                    }
                    s.balance = b;
                }
                case "timeout" -> {
                    if (d.args().size() < 2) {
                        throw new CompileError("expected 'timeout NAME TIME'");
                    }
                    if (!TIMEOUTS.contains(d.arg(0))) {
                        problems.unsupported(d, "unknown keyword 'timeout " + d.arg(0) + "'");
                        return;
                    }
                    s.timeouts.put(d.arg(0), Durations.parse(d.arg(1)));
                }
                case "contimeout", "clitimeout", "srvtimeout" -> {
                    String name = switch (d.keyword()) {
                        case "contimeout" -> "connect";
                        case "clitimeout" -> "client";
                        default -> "server";
                    };
                    problems.warn(d, "'" + d.keyword() + "' is deprecated; read as 'timeout " + name + "'");
                    s.timeouts.put(name, Durations.parse(required(d, 0)));
                }
                case "retries" -> s.retries = Durations.integer(required(d, 0), 0, 1_000_000, "retries");
                case "maxconn" -> s.maxConnections =
                        Durations.integer(required(d, 0), 0, Integer.MAX_VALUE, "maxconn");
                case "cookie" -> s.cookie = cookie(d);
                case "default-server" -> {
                    s.defaultServer.clear();
                    s.defaultServer.addAll(d.args());
                }
                case "option" -> option(d, d.args(), false, s, problems);
                case "http-check" -> httpCheck(d, s, problems);
                case "no" -> {
                    if (!"option".equals(d.arg(0))) {
                        problems.unsupported(d, "unknown keyword 'no " + d.arg(0) + "'");
                        return;
                    }
                    option(d, d.args().subList(1, d.args().size()), true, s, problems);
                }
                default -> throw new IllegalStateException(d.keyword());
            }
        } catch (CompileError e) {
            problems.error(d, e.getMessage());
        }
    }

    private static void option(Directive d, List<String> a, boolean no, ProxySettings s, Problems problems)
            throws CompileError {
        if (a.isEmpty()) {
            throw new CompileError("missing option name");
        }
        String name = a.get(0);
        switch (name) {
            case "forwardfor" -> {
                s.forwardFor = !no;
                if (a.size() > 1) {
                    problems.unsupported(d, "option forwardfor: '" + String.join(" ", a.subList(1, a.size()))
                            + "' is not supported; X-Forwarded-For is always added");
                }
            }
            case "http-server-close", "httpclose", "forceclose" -> s.serverClose = !no;
            case "http-keep-alive" -> s.serverClose = no;
            case "redispatch" -> s.redispatch = !no;
            case "allbackups" -> s.allBackups = !no;
            case "httpchk" -> {
                s.httpCheck = !no;
                s.checkVersion = "HTTP/1.0";
                if (a.size() == 2) {
                    s.checkMethod = "OPTIONS";
                    s.checkPath = a.get(1);
                } else if (a.size() >= 3) {
                    s.checkMethod = a.get(1);
                    s.checkPath = a.get(2);
                    if (a.size() >= 4) {
                        // Sent as written: "HTTP/1.1\r\nHost:\ x" is the usual way to add a Host header.
                        s.checkVersion = a.get(3);
                    }
                } else {
                    s.checkMethod = "OPTIONS";
                    s.checkPath = "/";
                }
            }
            case "tcp-check" -> s.httpCheck = false;
            case "httplog" -> {
                if (a.size() > 1) {
                    problems.unsupported(d, "option httplog " + String.join(" ", a.subList(1, a.size()))
                            + " is not supported; the default httplog format is used");
                }
                s.logFormat = logFormat(s.logFormat, FrontendLog.Format.HTTP, no);
            }
            case "tcplog" -> s.logFormat = logFormat(s.logFormat, FrontendLog.Format.TCP, no);
            case "dontlognull" -> s.dontLogNull = !no;
            default -> {
                if (OTHER_CHECKS.contains(name)) {
                    s.httpCheck = false;
                    problems.unsupported(d, "option " + name + " is not supported; servers are checked by TCP connect");
                } else if (!SILENT_OPTIONS.contains(name)) {
                    problems.unsupported(d, "unknown keyword 'option " + name + "'");
                }
            }
        }
    }

    /** The last of {@code option httplog}/{@code tcplog} wins; {@code no option X} turns X off. */
    private static FrontendLog.Format logFormat(FrontendLog.Format current, FrontendLog.Format named, boolean no) {
        if (!no) {
            return named;
        }
        return current == named ? FrontendLog.Format.NONE : current;
    }

    /**
     * {@code http-check expect [!] status|rstatus|string|rstring PATTERN} (the last one of a section wins, as
     * in HAProxy 2.0), {@code disable-on-404} and {@code send-state}; the other {@code http-check} forms are
     * warned and ignored.
     */
    private static void httpCheck(Directive d, ProxySettings s, Problems problems) throws CompileError {
        List<String> a = d.args();
        if (!a.isEmpty() && a.get(0).equals("expect")) {
            boolean negated = a.size() > 1 && a.get(1).equals("!");
            int at = negated ? 2 : 1;
            HttpCheckExpect.Kind kind = a.size() > at ? HttpCheckExpect.Kind.of(a.get(at)) : null;
            if (kind == null || a.size() != at + 2) {
                throw new CompileError("http-check expect: '" + String.join(" ", a.subList(1, a.size()))
                        + "' (expected: [!] status|rstatus|string|rstring <pattern>)");
            }
            String pattern = a.get(at + 1);
            if (kind == HttpCheckExpect.Kind.STATUS) {
                // A status that is not three digits can never match: refused rather than silently failing.
                int code = Durations.integer(pattern, 100, 999, "expect status");
                if (!negated) {
                    s.checkExpectStatus = code;
                    s.checkExpect = null;
                    return;
                }
            }
            try {
                s.checkExpect = new HttpCheckExpect(kind, negated, pattern);
                s.checkExpectStatus = 0;
            } catch (IllegalArgumentException e) {
                throw new CompileError("http-check expect " + kind.keyword() + ": " + e.getMessage());
            }
        } else if (!a.isEmpty() && a.get(0).equals("disable-on-404")) {
            if (a.size() > 1) {
                throw new CompileError("http-check disable-on-404: unexpected '" + a.get(1) + "' (expected: no argument)");
            }
            s.disableOn404 = true;
        } else if (!a.isEmpty() && a.get(0).equals("send-state")) {
            // Only adds a header to the check request; checks work the same without it.
        } else {
            problems.unsupported(d, "'http-check " + String.join(" ", a)
                    + "' is not supported (only 'expect', 'disable-on-404' and 'send-state'); ignored");
        }
    }

    /** {@code balance ALGORITHM [args]}; no algorithm means roundrobin (as HAProxy); null when unsupported. */
    static Balance balance(List<String> a) throws CompileError {
        if (a.isEmpty()) {
            return Balance.ROUNDROBIN;
        }
        String algo = a.get(0);
        String arg = a.size() > 1 ? String.join(" ", a.subList(1, a.size())) : null;
        if (algo.startsWith("hdr(") && algo.endsWith(")")) {
            return new Balance(Balance.Algorithm.HDR, algo.substring(4, algo.length() - 1));
        }
        if (algo.startsWith("random")) {
            // random(N): the balancer takes the bare number of draws, as hdr(NAME) gives the bare name.
            String draws = algo.substring(6);
            if (draws.startsWith("(") && draws.endsWith(")")) {
                draws = draws.substring(1, draws.length() - 1);
            }
            return new Balance(Balance.Algorithm.RANDOM, draws.isEmpty() ? null : draws);
        }
        for (Balance.Algorithm x : Balance.Algorithm.values()) {
            if (x.haproxyName().equals(algo) && x != Balance.Algorithm.HDR) {
                if (x == Balance.Algorithm.URL_PARAM && arg == null) {
                    throw new CompileError("'url_param' needs a parameter name");
                }
                return new Balance(x, arg);
            }
        }
        return null;
    }

    /** {@code cookie NAME [rewrite|insert|prefix] [indirect] [nocache] ...} with HAProxy's checks. */
    static StickyCookie cookie(Directive d) throws CompileError {
        List<String> a = d.args();
        if (a.isEmpty() || a.get(0).isEmpty()) {
            throw new CompileError("missing cookie name");
        }
        StickyCookie.Mode mode = null;
        boolean indirect = false;
        boolean nocache = false;
        boolean postonly = false;
        boolean preserve = false;
        boolean httponly = false;
        boolean secure = false;
        List<String> domains = new ArrayList<>();
        List<String> attributes = new ArrayList<>();
        Duration maxIdle = null;
        Duration maxLife = null;
        for (int i = 1; i < a.size(); i++) {
            String o = a.get(i);
            switch (o) {
                case "rewrite", "insert", "prefix" -> {
                    if (mode != null) {
                        throw new CompileError("'rewrite', 'insert' and 'prefix' modes are incompatible");
                    }
                    mode = StickyCookie.Mode.valueOf(o.toUpperCase(java.util.Locale.ROOT));
                }
                case "indirect" -> indirect = true;
                case "nocache" -> nocache = true;
                case "postonly" -> postonly = true;
                case "preserve" -> preserve = true;
                case "httponly" -> httponly = true;
                case "secure" -> secure = true;
                case "domain" -> domains.add(value(a, ++i, o));
                case "attr" -> attributes.add(value(a, ++i, o));
                case "maxidle" -> maxIdle = Durations.parse(value(a, ++i, o));
                case "maxlife" -> maxLife = Durations.parse(value(a, ++i, o));
                default -> throw new CompileError("unknown cookie option '" + o + "'");
            }
        }
        if (mode == StickyCookie.Mode.REWRITE && indirect) {
            throw new CompileError("'rewrite' and 'indirect' are incompatible");
        }
        if (preserve && mode != StickyCookie.Mode.INSERT && !indirect) {
            throw new CompileError("'preserve' requires at least 'insert' or 'indirect'");
        }
        // No mode keyword is HAProxy's passive cookie; the model has no passive mode, so it reads as rewrite.
        return new StickyCookie(a.get(0), mode == null ? StickyCookie.Mode.REWRITE : mode, indirect, nocache,
                postonly, preserve, httponly, secure, domains, maxIdle, maxLife, attributes);
    }

    private static String value(List<String> a, int i, String option) throws CompileError {
        if (i >= a.size()) {
            throw new CompileError("'" + option + "' needs a value");
        }
        return a.get(i);
    }

    private static String required(Directive d, int i) throws CompileError {
        if (d.arg(i) == null) {
            throw new CompileError("missing value");
        }
        return d.arg(i);
    }
}
