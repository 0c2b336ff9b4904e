package io.mlbj.core.routing;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code http-check expect [!] status|rstatus|string|rstring PATTERN} (HAProxy 2.0): what the answer to an
 * {@code option httpchk} request must (or, negated, must not) show. {@code status} compares the three
 * digits of the status code, {@code rstatus} searches them with a regex, {@code string} looks for the text
 * in the body, {@code rstring} searches the body with a regex.
 *
 * @param kind which part of the answer is tested, and how
 * @param negated {@code !}: the check passes when the test fails
 * @param pattern the text or regex (a regex is validated here)
 */
public record HttpCheckExpect(Kind kind, boolean negated, String pattern) {

    /** The four forms of {@code http-check expect}. */
    public enum Kind {
        STATUS("status"), RSTATUS("rstatus"), STRING("string"), RSTRING("rstring");

        private final String keyword;

        Kind(String keyword) {
            this.keyword = keyword;
        }

        /** The keyword of the config line. */
        public String keyword() {
            return keyword;
        }

        /** The kind of {@code keyword}, or null when there is none. */
        public static Kind of(String keyword) {
            for (Kind k : values()) {
                if (k.keyword.equals(keyword)) {
                    return k;
                }
            }
            return null;
        }
    }

    public HttpCheckExpect {
        requireNonNull(kind, "kind");
        requireNonNull(pattern, "pattern");
        if (pattern.isEmpty()) {
            throw new IllegalArgumentException("pattern: empty (expected: a text or regex)");
        }
        if (kind == Kind.RSTATUS || kind == Kind.RSTRING) {
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("pattern: '" + pattern + "' is not a valid regex ("
                        + e.getDescription() + ")", e);
            }
        }
    }

    /** Whether the body of the answer is needed (string forms), not just its status line. */
    public boolean readsBody() {
        return kind == Kind.STRING || kind == Kind.RSTRING;
    }

    /** The compiled regex of {@code rstatus}/{@code rstring}; null for the other forms. */
    public Pattern regex() {
        return kind == Kind.RSTATUS || kind == Kind.RSTRING ? Pattern.compile(pattern) : null;
    }
}
