package io.mlbj.core.haproxy;

import io.mlbj.core.routing.HttpAction;
import io.mlbj.core.routing.HttpRule;
import io.mlbj.core.routing.LogFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads HAProxy 1.x header-regex rules (removed in 2.1, still written by marathon-lb's templates) as
 * their 2.x equivalents, each with a deprecation warning:
 * {@code reqrep/reqirep "^([^ :]*) PREFIX(...)" "\1 NEW"} → replace-path on the path;
 * {@code rsprep/rspirep "^Name: (...)" "Name: NEW"} → replace-header Name;
 * {@code reqadd/rspadd "Name: value"} → add-header; {@code reqdel/rspdel "^Name:"} → del-header.
 * Other shapes are warned and ignored.
 */
final class LegacyRuleTranslator {
    /** The request-line regex marathon-lb writes: the method, one blank, then the path part. */
    private static final Pattern METHOD_PREFIX = Pattern.compile("^\\^\\(\\[\\^(?: |\\\\ ):\\]\\*\\)(?: |\\\\ |\\\\s\\+?)");
    private static final Pattern HEADER_PREFIX = Pattern.compile("^\\^([A-Za-z0-9!#$%&'*+.^_`|~-]+):(?: \\*| \\+| |\\\\s\\*|\\\\s\\+)?");
    private static final Pattern GROUP_REF = Pattern.compile("\\\\([0-9])");

    private final RuleCompiler rules;
    private final Problems problems;

    LegacyRuleTranslator(RuleCompiler rules, Problems problems) {
        this.rules = rules;
        this.problems = problems;
    }

    /** Translates {@code d} into {@code request} or {@code response} rules. */
    void translate(Directive d, RuleList request, RuleList response) {
        String k = d.keyword();
        boolean ignoreCase = k.length() > 3 && k.charAt(3) == 'i';
        String op = k.substring(3 + (ignoreCase ? 1 : 0));
        boolean isResponse = k.startsWith("rsp");
        RuleList out = isResponse ? response : request;
        problems.warn(d, "'" + k + "' is HAProxy 1.x syntax (removed in 2.1); read as its http-"
                + (isResponse ? "response" : "request") + " equivalent");
        try {
            if (d.args().isEmpty()) {
                throw new CompileError("missing regex");
            }
            switch (op) {
                case "rep" -> replace(d, isResponse, ignoreCase, out);
                case "add" -> {
                    String line = d.arg(0);
                    int colon = line.indexOf(':');
                    if (colon <= 0) {
                        throw new CompileError("'" + line + "' is not 'Name: value'");
                    }
                    String name = line.substring(0, colon);
                    RuleCompiler.headerName(name);
                    LogFormat value = LogFormat.literal(line.substring(colon + 1).strip());
                    rules.add(out, d, new HttpAction.AddHeader(name, value), 1);
                }
                case "del" -> {
                    Matcher m = HEADER_PREFIX.matcher(d.arg(0));
                    if (!m.find() || m.end() != d.arg(0).length()) {
                        unsupported(d);
                        return;
                    }
                    rules.add(out, d, new HttpAction.DelHeader(m.group(1)), 1);
                }
                default -> unsupported(d);
            }
        } catch (CompileError e) {
            problems.error(d, e.getMessage());
        }
    }

    private void replace(Directive d, boolean isResponse, boolean ignoreCase, RuleList out) throws CompileError {
        if (d.args().size() < 2) {
            throw new CompileError("expected REGEX REPLACEMENT");
        }
        String regex = d.arg(0);
        String replacement = d.arg(1);
        int flags = ignoreCase ? Pattern.CASE_INSENSITIVE : 0;
        if (!isResponse) {
            Matcher m = METHOD_PREFIX.matcher(regex);
            if (m.find() && replacement.startsWith("\\1 ")) {
                String pathReplacement = renumber(replacement.substring(3));
                Pattern p = compile("^" + regex.substring(m.end()), flags);
                rules.add(out, d, new HttpAction.ReplacePath(p, pathReplacement), 2);
                return;
            }
            unsupported(d);
            return;
        }
        Matcher m = HEADER_PREFIX.matcher(regex);
        String name = m.find() ? m.group(1) : null;
        if (name == null || !replacement.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
            unsupported(d);
            return;
        }
        Pattern p = compile("^" + regex.substring(m.end()), flags);
        rules.add(out, d, new HttpAction.ReplaceHeader(name, p, replacement.substring(name.length() + 1).strip()), 2);
    }

    /** Shifts group references down by one (group 1 was the method); \0 and \1 cannot be kept. */
    private static String renumber(String replacement) throws CompileError {
        Matcher m = GROUP_REF.matcher(replacement);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int g = m.group(1).charAt(0) - '0';
            if (g < 2) {
                throw new CompileError("replacement '" + replacement + "' uses the method or the whole line");
            }
            m.appendReplacement(out, Matcher.quoteReplacement("\\" + (g - 1)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Pattern compile(String regex, int flags) throws CompileError {
        return SampleExpression.regex(regex, flags != 0);
    }

    private void unsupported(Directive d) {
        problems.unsupported(d, "'" + d.keyword() + "' of this shape has no 2.x equivalent here (ignored)");
    }
}
