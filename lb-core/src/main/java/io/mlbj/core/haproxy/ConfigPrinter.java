package io.mlbj.core.haproxy;

import java.util.List;

/**
 * Writes a {@link HaproxyConfig} back as text that {@link ConfigParser} reads to the same sections and
 * words: section headers at column 0, directives indented by two spaces, words quoted when needed.
 */
public final class ConfigPrinter {
    private ConfigPrinter() {}

    /** The config as text, one directive per line, ending with a newline. */
    public static String print(HaproxyConfig config) {
        StringBuilder out = new StringBuilder();
        for (Section s : config.sections()) {
            appendLine(out, s.keyword(), s.args());
            for (Directive d : s.directives()) {
                out.append("  ");
                appendLine(out, d.keyword(), d.args());
            }
        }
        return out.toString();
    }

    private static void appendLine(StringBuilder out, String keyword, List<String> args) {
        out.append(quote(keyword));
        for (String a : args) {
            out.append(' ').append(quote(a));
        }
        out.append('\n');
    }

    /** {@code word} as it must be written so the tokenizer reads it back unchanged. */
    public static String quote(String word) {
        if (!word.isEmpty() && isPlain(word)) {
            return word;
        }
        StringBuilder sb = new StringBuilder(word.length() + 2).append('"');
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\r' -> sb.append("\\r");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static boolean isPlain(String word) {
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c <= ' ' || c == 0x7f || c == '"' || c == '\'' || c == '#' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
