package io.mlbj.core.haproxy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HAProxy-style regex replacement: {@code \0}..{@code \9} in the replacement insert capture groups,
 * every other character is literal (unlike Java's {@code $1}). Used by {@code regsub}, and by the proxy
 * for {@code replace-header}, {@code replace-path}, {@code reqirep} and {@code rspirep} rules.
 */
public final class HaproxyRegex {
    private HaproxyRegex() {}

    /** {@code input} with the first match (or every match when {@code global}) replaced. */
    public static String replace(Pattern regex, String input, String replacement, boolean global) {
        Matcher m = regex.matcher(input);
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            if (out == null) {
                out = new StringBuilder(input.length() + replacement.length());
            }
            out.append(input, last, m.start());
            appendReplacement(out, m, replacement);
            last = m.end();
            if (!global) {
                break;
            }
        }
        if (out == null) {
            return input;
        }
        return out.append(input, last, input.length()).toString();
    }

    /**
     * HAProxy's rule rewrite ({@code replace-header}, {@code replace-path}, {@code reqirep},
     * {@code rspirep}): when {@code regex} is found in {@code input}, the WHOLE input becomes the expanded
     * replacement; otherwise {@code input} is returned unchanged.
     */
    public static String rewrite(Pattern regex, String input, String replacement) {
        Matcher m = regex.matcher(input);
        return m.find() ? expand(m, replacement) : input;
    }

    /** The replacement for one match: {@code \N} groups expanded (an absent group is empty). */
    public static String expand(Matcher match, String replacement) {
        StringBuilder out = new StringBuilder(replacement.length() + 16);
        appendReplacement(out, match, replacement);
        return out.toString();
    }

    private static void appendReplacement(StringBuilder out, Matcher m, String replacement) {
        for (int i = 0; i < replacement.length(); i++) {
            char c = replacement.charAt(i);
            if (c == '\\' && i + 1 < replacement.length() && Character.isDigit(replacement.charAt(i + 1))) {
                int group = replacement.charAt(++i) - '0';
                if (group <= m.groupCount() && m.group(group) != null) {
                    out.append(m.group(group));
                }
            } else {
                out.append(c);
            }
        }
    }
}
