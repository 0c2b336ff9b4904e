package io.mlbj.core.haproxy;

import io.mlbj.core.routing.RequestView;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A compiled {@code fetch[,converter]*} expression such as
 * {@code req.hdr(host),lower,regsub(:.*$,,),map(/etc/haproxy/domain2backend.map)}. Supported converters:
 * {@code lower}, {@code upper}, {@code regsub(re,subst[,flags])}, {@code map(file[,default])} (also
 * {@code map_str}), {@code field(index,delimiters[,count])}. A missing sample stays missing (null).
 */
record SampleExpression(String source, SampleFetch fetch, List<UnaryOperator<String>> converters)
        implements Function<RequestView, String> {

    /** Compiles {@code source}; {@code where} names the line for map-file warnings. */
    static SampleExpression compile(String source, Directive where, CompileContext ctx) throws CompileError {
        SampleExpression cached = ctx.expressions.get(source);
        if (cached == null) {
            cached = compileNew(source, where, ctx);
            ctx.expressions.put(source, cached);
        }
        return cached;
    }

    private static SampleExpression compileNew(String source, Directive where, CompileContext ctx)
            throws CompileError {
        List<String> parts = SampleCall.splitTopLevel(source, ',');
        SampleFetch fetch = SampleFetch.compile(SampleCall.parse(parts.get(0)), ctx);
        List<UnaryOperator<String>> converters = new ArrayList<>();
        for (String p : parts.subList(1, parts.size())) {
            converters.add(converter(SampleCall.parse(p), where, ctx));
        }
        return new SampleExpression(source, fetch, List.copyOf(converters));
    }

    /** Whether the expression is a bare fetch (ACLs then match its native type). */
    boolean isBareFetch() {
        return converters.isEmpty();
    }

    @Override
    public String apply(RequestView request) {
        String v = fetch.text().apply(request);
        for (int i = 0; i < converters.size() && v != null; i++) {
            v = converters.get(i).apply(v);
        }
        return v;
    }

    private static UnaryOperator<String> converter(SampleCall call, Directive where, CompileContext ctx)
            throws CompileError {
        switch (call.name()) {
            case "lower":
                return s -> s.toLowerCase(Locale.ROOT);
            case "upper":
                return s -> s.toUpperCase(Locale.ROOT);
            case "regsub": {
                String flags = call.arg(2, "");
                Pattern re = regex(call.requiredArg(0, "regex"), flags.contains("i"));
                String subst = call.arg(1, "");
                boolean global = flags.contains("g");
                return s -> HaproxyRegex.replace(re, s, subst, global);
            }
            case "map":
            case "map_str": {
                Map<String, String> map = ctx.mapFiles.map(call.requiredArg(0, "map file"), where);
                String fallback = call.args().size() > 1 ? call.args().get(1) : null;
                return s -> map.getOrDefault(s, fallback);
            }
            case "field": {
                int index = integerArg(call, 0);
                String delimiters = call.requiredArg(1, "delimiters");
                int count = call.args().size() > 2 ? integerArg(call, 2) : 1;
                return s -> field(s, index, delimiters, count);
            }
            default:
                throw new CompileError("converter '" + call.name() + "' is not supported");
        }
    }

    /** Compiles a regex of the config, naming it in the error. */
    static Pattern regex(String regex, boolean ignoreCase) throws CompileError {
        try {
            return Pattern.compile(regex, ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
        } catch (PatternSyntaxException e) {
            throw new CompileError("invalid regex '" + regex + "': " + e.getDescription());
        }
    }

    private static int integerArg(SampleCall call, int index) throws CompileError {
        String a = call.requiredArg(index, "integer argument " + (index + 1));
        try {
            return Integer.parseInt(a);
        } catch (NumberFormatException e) {
            throw new CompileError(call.name() + ": '" + a + "' is not an integer");
        }
    }

    /** HAProxy's {@code field}: 1-based, negative counts from the end, {@code count} fields joined. */
    private static String field(String s, int index, String delimiters, int count) {
        List<String> fields = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            if (delimiters.indexOf(s.charAt(i)) >= 0) {
                fields.add(s.substring(start, i));
                start = i + 1;
            }
        }
        fields.add(s.substring(start));
        int first = index > 0 ? index - 1 : fields.size() + index - (count > 0 ? count - 1 : 0);
        if (index == 0 || first < 0 || first >= fields.size()) {
            return "";
        }
        int last = count <= 0 ? fields.size() : Math.min(fields.size(), first + count);
        char joiner = delimiters.isEmpty() ? ' ' : delimiters.charAt(0);
        StringBuilder out = new StringBuilder();
        for (int i = first; i < last; i++) {
            if (i > first) {
                out.append(joiner);
            }
            out.append(fields.get(i));
        }
        return out.toString();
    }
}
