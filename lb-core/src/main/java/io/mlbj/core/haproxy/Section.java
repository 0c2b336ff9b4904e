package io.mlbj.core.haproxy;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One section of a config ({@code global}, {@code defaults}, {@code frontend NAME}, ...): its
 * keyword, the words after it on the header line, and its directives in order.
 */
public record Section(String keyword, List<String> args, List<Directive> directives, String file, int line) {
    public Section {
        requireNonNull(keyword, "keyword");
        args = List.copyOf(requireNonNull(args, "args"));
        directives = List.copyOf(requireNonNull(directives, "directives"));
        requireNonNull(file, "file");
    }

    /** The section name (first word after the keyword), or "" when there is none. */
    public String name() {
        return args.isEmpty() ? "" : args.get(0);
    }

    /** {@code file:line} of the header, for messages. */
    public String location() {
        return file + ":" + line;
    }
}
