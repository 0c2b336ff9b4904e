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
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        int n = line.length();
        for (int i = 0; i < n; i++) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
                continue;
            }
            if (c == '\\') {
                i = escape(line, i, word);
                inWord = true;
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
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                continue;
            }
            if (c == '"' || c == '\'') {
                quote = c;
            } else {
                word.append(c);
            }
            inWord = true;
        }
        if (quote != 0) {
            throw new LineError("unmatched quote (" + quote + ")");
        }
        if (inWord) {
            words.add(word.toString());
        }
        if (words.size() > MAX_WORDS) {
            throw new LineError("too many words (" + words.size() + ", at most " + MAX_WORDS + ")");
        }
        return words;
    }

    /** Handles the backslash at {@code i}; returns the index of the last character consumed. */
    private static int escape(String line, int i, StringBuilder word) throws LineError {
        if (i + 1 >= line.length()) {
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
                if (i + 3 < line.length() && isHex(line.charAt(i + 2)) && isHex(line.charAt(i + 3))) {
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
