package io.mlbj.core.haproxy;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one config line into words the way HAProxy's {@code parse_line} does: blanks separate words;
 * {@code "..."} groups words and still honours backslash escapes; {@code '...'} groups words verbatim;
 * quotes may sit inside a word ({@code a"b c"d} is {@code ab cd}); {@code #} outside quotes starts a
 * comment; outside single quotes a backslash escapes blank, {@code #}, {@code \}, quotes, gives
 * {@code \r \n \t \xHH}, and is kept as is before any other character ({@code \1}, {@code \.}).
 * There is no line continuation: a trailing backslash stays in the word.
 */
final class LineTokenizer {
    /** HAProxy's MAX_LINE_ARGS. */
    static final int MAX_WORDS = 64;

    private LineTokenizer() {}

    /** The words of {@code line} (no line terminator), or a problem description via {@link LineError}. */
    static List<String> words(String line) throws LineError {
        return words(line, 0, line.length());
    }

    /** The words of {@code text[from, to)}; a word without quotes or escapes is one substring, no copy. */
    static List<String> words(String text, int from, int to) throws LineError {
        List<String> words = new ArrayList<>(8);
        StringBuilder word = null;
        int wordStart = -1;
        char quote = 0;
        int i = from;
        for (; i < to; i++) {
            char c = text.charAt(i);
            if (quote == 0 && wordStart >= 0 && word == null) {
                // Fast path: inside a plain word.
                if (c == ' ' || c == '\t') {
                    words.add(text.substring(wordStart, i));
                    wordStart = -1;
                    continue;
                }
                if (c != '\\' && c != '"' && c != '\'' && c != '#' && c != '\r' && c != '\n') {
                    continue;
                }
                word = new StringBuilder(i - wordStart + 16);
                word.append(text, wordStart, i);
            }
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
                continue;
            }
            if (c == '\\') {
                word = word == null ? new StringBuilder() : word;
                i = escape(text, i, to, word);
                wordStart = wordStart < 0 ? i : wordStart;
                continue;
            }
            if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else {
                    word.append(c);
                }
                continue;
            }
            if (c == '#' || c == '\r' || c == '\n') {
                break;
            }
            if (c == ' ' || c == '\t') {
                if (wordStart >= 0) {
                    words.add(word == null ? text.substring(wordStart, i) : word.toString());
                    word = null;
                    wordStart = -1;
                }
                continue;
            }
            if (wordStart < 0) {
                wordStart = i;
            }
            if (c == '"' || c == '\'') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (word != null) {
                word.append(c);
            }
        }
        if (quote != 0) {
            throw new LineError("unmatched quote (" + quote + ")");
        }
        if (wordStart >= 0) {
            words.add(word == null ? text.substring(wordStart, i) : word.toString());
        }
        if (words.size() > MAX_WORDS) {
            throw new LineError("too many words (" + words.size() + ", at most " + MAX_WORDS + ")");
        }
        return words;
    }

    /** Handles the backslash at {@code i}; returns the index of the last character consumed. */
    private static int escape(String line, int i, int to, StringBuilder word) throws LineError {
        if (i + 1 >= to) {
            word.append('\\');
            return i;
        }
        char next = line.charAt(i + 1);
        switch (next) {
            case ' ', '\\', '#', '\'', '"' -> word.append(next);
            case 'r' -> word.append('\r');
            case 'n' -> word.append('\n');
            case 't' -> word.append('\t');
            case 'x' -> {
                if (i + 3 < to && isHex(line.charAt(i + 2)) && isHex(line.charAt(i + 3))) {
                    word.append((char) Integer.parseInt(line.substring(i + 2, i + 4), 16));
                    return i + 3;
                }
                throw new LineError("invalid \\x sequence (expected: \\x and two hex digits)");
            }
            default -> {
                word.append('\\');
                return i;
            }
        }
        return i + 1;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** A line that cannot be split; the parser adds file and line. */
    static final class LineError extends Exception {
        LineError(String message) {
            super(message, null, false, false);
        }
    }
}
