package io.mlbj.core.haproxy;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One line of an {@code haproxy.cfg} after quoting and escapes are resolved: the first word, the
 * remaining words, and where it was written.
 */
public record Directive(String keyword, List<String> args, String file, int line) {
    public Directive {
        requireNonNull(keyword, "keyword");
        args = List.copyOf(requireNonNull(args, "args"));
        requireNonNull(file, "file");
        if (line < 1) {
            throw new IllegalArgumentException("line: " + line + " (expected: >= 1)");
        }
    }

    /** The argument at {@code index}, or null when the line is shorter. */
    public String arg(int index) {
        return index < args.size() ? args.get(index) : null;
    }

    /** {@code file:line}, for messages. */
    public String location() {
        return file + ":" + line;
    }

    /** The line as words joined by single spaces (no quoting), for rule sources and messages. */
    public String text() {
        return args.isEmpty() ? keyword : keyword + " " + String.join(" ", args);
    }
}
