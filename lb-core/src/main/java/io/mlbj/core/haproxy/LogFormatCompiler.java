package io.mlbj.core.haproxy;

import io.mlbj.core.routing.LogFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles HAProxy log-format strings (header values, {@code set-path}, dynamic {@code use_backend}):
 * literal text, {@code %[expression]}, {@code %%}, and the aliases {@code %ci} (client address) and
 * {@code %fp} (frontend port).
 */
final class LogFormatCompiler {
    private LogFormatCompiler() {}

    static LogFormat compile(String source, Directive where, CompileContext ctx) throws CompileError {
        if (source.indexOf('%') < 0) {
            return LogFormat.literal(source);
        }
        List<LogFormat.Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c != '%') {
                literal.append(c);
                i++;
                continue;
            }
            if (source.startsWith("%%", i)) {
                literal.append('%');
                i += 2;
                continue;
            }
            String expression;
            int next;
            if (source.startsWith("%[", i)) {
                int close = closingBracket(source, i + 2);
                expression = source.substring(i + 2, close);
                next = close + 1;
            } else if (source.startsWith("%ci", i)) {
                expression = "src";
                next = i + 3;
            } else if (source.startsWith("%fp", i)) {
                expression = "dst_port";
                next = i + 3;
            } else {
                throw new CompileError("log-format '" + source + "': only %[...], %%, %ci and %fp are supported");
            }
            if (literal.length() > 0) {
                parts.add(new LogFormat.Literal(literal.toString()));
                literal.setLength(0);
            }
            SampleExpression e = SampleExpression.compile(expression, where, ctx);
            parts.add(new LogFormat.Fetch(expression, e));
            i = next;
        }
        if (literal.length() > 0) {
            parts.add(new LogFormat.Literal(literal.toString()));
        }
        return new LogFormat(parts, source);
    }

    private static int closingBracket(String s, int from) throws CompileError {
        int depth = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ']' && depth <= 0) {
                return i;
            }
        }
        throw new CompileError("log-format '" + s + "': missing ']'");
    }
}
