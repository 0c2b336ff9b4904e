package io.mlbj.core.haproxy;

import io.mlbj.core.routing.RequestCondition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compiles one ACL expression, {@code criterion [flags] [operator] [patterns...]} as written after
 * {@code acl NAME} or inside {@code { }}: the criterion is a sample fetch with optional converters, or a
 * fetch with a match suffix ({@code hdr_beg(host)}, {@code path_beg}, {@code ssl_fc_sni_end});
 * flags {@code -i}, {@code -m METHOD}, {@code -f FILE}, {@code -n}, {@code --}. Several patterns mean OR.
 */
final class AclCompiler {
    private static final List<String> SUFFIXES = List.of("beg", "end", "sub", "dom", "dir", "reg", "len");

    private AclCompiler() {}

    static RequestCondition compile(List<String> words, Directive where, CompileContext ctx) throws CompileError {
        RequestCondition cached = ctx.acls.get(words);
        if (cached == null) {
            cached = compileNew(words, where, ctx);
            ctx.acls.put(List.copyOf(words), cached);
        }
        return cached;
    }

    private static RequestCondition compileNew(List<String> words, Directive where, CompileContext ctx)
            throws CompileError {
        if (words.isEmpty()) {
            throw new CompileError("missing ACL criterion");
        }
        String criterion = words.get(0);
        MatchMethod method = null;
        List<String> calls = SampleCall.splitTopLevel(criterion, ',');
        SampleCall first = SampleCall.parse(calls.get(0));
        if (!SampleFetch.NAMES.contains(first.name())) {
            int us = first.name().lastIndexOf('_');
            String base = us < 0 ? "" : first.name().substring(0, us);
            String suffix = us < 0 ? "" : first.name().substring(us + 1);
            if (SampleFetch.NAMES.contains(base) && SUFFIXES.contains(suffix)) {
                method = MatchMethod.named(suffix);
                String rebuilt = base + calls.get(0).substring(first.name().length());
                calls.set(0, rebuilt);
                criterion = String.join(",", calls);
            }
        }
        SampleExpression expr = SampleExpression.compile(criterion, where, ctx);

        boolean ignoreCase = false;
        List<String> patterns = new ArrayList<>();
        int i = 1;
        for (; i < words.size() && words.get(i).startsWith("-"); i++) {
            String flag = words.get(i);
            if (flag.equals("--")) {
                i++;
                break;
            }
            switch (flag) {
                case "-i" -> ignoreCase = true;
                case "-n" -> { }
                case "-m" -> {
                    String name = argOf(words, ++i, flag);
                    method = MatchMethod.named(name);
                    if (method == null) {
                        throw new CompileError("unknown match method '-m " + name + "'");
                    }
                }
                case "-f" -> patterns.addAll(ctx.mapFiles.patterns(argOf(words, ++i, flag), where));
                case "-u" -> argOf(words, ++i, flag);
                default -> throw new CompileError("ACL flag '" + flag + "' is not supported");
            }
        }
        patterns.addAll(words.subList(Math.min(i, words.size()), words.size()));

        if (method == null) {
            method = !expr.isBareFetch() ? MatchMethod.STR : switch (expr.fetch().type()) {
                case STRING -> MatchMethod.STR;
                case BOOLEAN -> patterns.isEmpty() ? MatchMethod.BOOL : MatchMethod.INT;
                case INTEGER -> MatchMethod.INT;
                case ADDRESS -> MatchMethod.IP;
            };
        }
        return build(expr, method, ignoreCase, patterns);
    }

    private static RequestCondition build(SampleExpression expr, MatchMethod method, boolean ignoreCase,
                                          List<String> patterns) throws CompileError {
        String fetch = expr.source();
        switch (method) {
            case BOOL: {
                if (expr.isBareFetch() && expr.fetch().bool() != null) {
                    return new Conditions.BooleanMatch(fetch, expr.fetch().bool());
                }
                return new Conditions.BooleanMatch(fetch, r -> {
                    String v = expr.apply(r);
                    return v != null && !v.isEmpty() && !v.equals("0");
                });
            }
            case INT: {
                List<long[]> ranges = ranges(patterns);
                if (expr.isBareFetch() && expr.fetch().integer() != null) {
                    return new Conditions.IntegerMatch(fetch, expr.fetch().integer(), ranges);
                }
                return new Conditions.IntegerMatch(fetch, r -> {
                    String v = expr.apply(r);
                    try {
                        return v == null ? Long.MIN_VALUE : Long.parseLong(v.trim());
                    } catch (NumberFormatException e) {
                        return Long.MIN_VALUE;
                    }
                }, ranges);
            }
            case IP: {
                List<Network> networks = new ArrayList<>();
                for (String p : patterns) {
                    networks.add(Network.parse(p));
                }
                if (expr.isBareFetch() && expr.fetch().address() != null) {
                    return new Conditions.AddressMatch(fetch, expr.fetch().address(), networks);
                }
                return new Conditions.AddressMatch(fetch, r -> {
                    String v = expr.apply(r);
                    byte[] b = v == null ? null : Network.literal(v.trim());
                    try {
                        return b == null ? null : java.net.InetAddress.getByAddress(b);
                    } catch (java.net.UnknownHostException e) {
                        return null;
                    }
                }, networks);
            }
            default: {
                Set<String> exact = new HashSet<>();
                List<Pattern> regexes = new ArrayList<>();
                for (String p : patterns) {
                    if (method == MatchMethod.STR) {
                        exact.add(ignoreCase ? p.toLowerCase(Locale.ROOT) : p);
                    } else if (method == MatchMethod.REG) {
                        regexes.add(SampleExpression.regex(p, ignoreCase));
                    } else if (method == MatchMethod.LEN && !p.chars().allMatch(Character::isDigit)) {
                        throw new CompileError("'-m len' pattern '" + p + "' is not a number");
                    }
                }
                return new Conditions.StringMatch(fetch, expr, method, ignoreCase, patterns, exact, regexes);
            }
        }
    }

    /** Integer patterns: {@code N}, {@code N:M}, {@code :M}, {@code N:}, or {@code eq|ge|gt|le|lt N}. */
    private static List<long[]> ranges(List<String> patterns) throws CompileError {
        List<long[]> out = new ArrayList<>();
        for (int i = 0; i < patterns.size(); i++) {
            String p = patterns.get(i);
            long[] r;
            switch (p) {
                case "eq", "ge", "gt", "le", "lt" -> {
                    if (i + 1 >= patterns.size()) {
                        throw new CompileError("operator '" + p + "' needs a number");
                    }
                    long v = number(patterns.get(++i));
                    r = switch (p) {
                        case "eq" -> new long[] {v, v};
                        case "ge" -> new long[] {v, Long.MAX_VALUE};
                        case "gt" -> new long[] {v + 1, Long.MAX_VALUE};
                        case "le" -> new long[] {Long.MIN_VALUE + 1, v};
                        default -> new long[] {Long.MIN_VALUE + 1, v - 1};
                    };
                }
                default -> {
                    int colon = p.indexOf(':');
                    if (colon < 0) {
                        long v = number(p);
                        r = new long[] {v, v};
                    } else {
                        String lo = p.substring(0, colon);
                        String hi = p.substring(colon + 1);
                        r = new long[] {lo.isEmpty() ? Long.MIN_VALUE + 1 : number(lo),
                                        hi.isEmpty() ? Long.MAX_VALUE : number(hi)};
                    }
                }
            }
            out.add(r);
        }
        return out;
    }

    private static long number(String s) throws CompileError {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new CompileError("'" + s + "' is not an integer");
        }
    }

    private static String argOf(List<String> words, int i, String flag) throws CompileError {
        if (i >= words.size()) {
            throw new CompileError("ACL flag '" + flag + "' needs an argument");
        }
        return words.get(i);
    }
}
