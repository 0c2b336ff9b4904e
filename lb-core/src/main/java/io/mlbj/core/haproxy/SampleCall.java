package io.mlbj.core.haproxy;

import java.util.ArrayList;
import java.util.List;

/** One {@code name(arg,arg)} of a sample expression, and the splitting of expressions into calls. */
record SampleCall(String name, List<String> args) {

    /** Parses {@code name} or {@code name(a,b)}. */
    static SampleCall parse(String text) throws CompileError {
        int open = text.indexOf('(');
        if (open < 0) {
            if (text.isEmpty()) {
                throw new CompileError("empty sample fetch or converter");
            }
            return new SampleCall(text, List.of());
        }
        if (!text.endsWith(")")) {
            throw new CompileError("missing ')' in '" + text + "'");
        }
        String name = text.substring(0, open);
        if (name.isEmpty()) {
            throw new CompileError("missing name before '(' in '" + text + "'");
        }
        return new SampleCall(name, splitTopLevel(text.substring(open + 1, text.length() - 1), ','));
    }

    /** Splits on {@code separator} outside parentheses; keeps empty pieces. */
    static List<String> splitTopLevel(String text, char separator) throws CompileError {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                i++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (--depth < 0) {
                    throw new CompileError("unbalanced ')' in '" + text + "'");
                }
            } else if (c == separator && depth == 0) {
                out.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (depth != 0) {
            throw new CompileError("unbalanced '(' in '" + text + "'");
        }
        out.add(text.substring(start));
        return out;
    }

    /** The argument at {@code index}, or {@code fallback} when absent or empty. */
    String arg(int index, String fallback) {
        return index < args.size() && !args.get(index).isEmpty() ? args.get(index) : fallback;
    }

    /** The argument at {@code index}, which must be present and non-empty. */
    String requiredArg(int index, String what) throws CompileError {
        String a = arg(index, null);
        if (a == null) {
            throw new CompileError(name + ": missing " + what);
        }
        return a;
    }
}
