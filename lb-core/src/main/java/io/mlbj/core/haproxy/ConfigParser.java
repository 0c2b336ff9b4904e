package io.mlbj.core.haproxy;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.routing.ConfigWarning;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Turns {@code haproxy.cfg} text into {@link HaproxyConfig} (sections of directives with file and line). */
public final class ConfigParser {
    /** Keywords that open a section; everything else is a directive of the current section. */
    public static final Set<String> SECTION_KEYWORDS = Set.of(
            "global", "defaults", "frontend", "backend", "listen", "userlist",
            "peers", "resolvers", "cache", "program", "mailers", "http-errors", "ring", "fcgi-app");

    private ConfigParser() {}

    /**
     * Parses {@code text}; {@code file} names it in messages.
     *
     * @throws ConfigException listing every line that cannot be read (bad quoting, escapes, directives
     *     outside a section)
     */
    public static HaproxyConfig parse(String text, String file) throws ConfigException {
        requireNonNull(text, "text");
        requireNonNull(file, "file");
        List<ConfigWarning> problems = new ArrayList<>();
        List<Section> sections = new ArrayList<>();
        String keyword = null;
        List<String> headerArgs = null;
        int headerLine = 0;
        List<Directive> directives = new ArrayList<>();
        int lineNo = 0;
        int start = 0;
        int length = text.length();
        while (start < length) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = length;
            }
            lineNo++;
            int lineStart = start;
            start = end + 1;
            List<String> words;
            try {
                words = LineTokenizer.words(text, lineStart, end);
            } catch (LineTokenizer.LineError e) {
                problems.add(new ConfigWarning(file, lineNo, e.getMessage()));
                continue;
            }
            // HAProxy skips a line whose first word is empty (blank, comment, or a leading "").
            if (words.isEmpty() || words.get(0).isEmpty()) {
                continue;
            }
            String first = words.get(0);
            List<String> rest = words.subList(1, words.size());
            if (SECTION_KEYWORDS.contains(first)) {
                if (keyword != null) {
                    sections.add(new Section(keyword, headerArgs, directives, file, headerLine));
                }
                keyword = first;
                headerArgs = List.copyOf(rest);
                headerLine = lineNo;
                directives = new ArrayList<>();
            } else if (keyword == null) {
                problems.add(new ConfigWarning(file, lineNo, "'" + first + "' outside of any section"));
            } else {
                directives.add(new Directive(first, rest, file, lineNo));
            }
        }
        if (keyword != null) {
            sections.add(new Section(keyword, headerArgs, directives, file, headerLine));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new HaproxyConfig(sections);
    }
}
