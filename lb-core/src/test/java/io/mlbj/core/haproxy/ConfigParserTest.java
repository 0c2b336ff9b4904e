package io.mlbj.core.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlbj.core.routing.ConfigWarning;
import java.util.List;
import org.junit.jupiter.api.Test;

/** HAProxy's line syntax: words, quotes, escapes, comments, sections, line numbers and errors. */
class ConfigParserTest {

    private static List<String> words(String line) throws ConfigException {
        HaproxyConfig c = ConfigParser.parse("global\n" + line + "\n", "t.cfg");
        Directive d = c.sections().get(0).directives().get(0);
        List<String> out = new java.util.ArrayList<>(List.of(d.keyword()));
        out.addAll(d.args());
        return out;
    }

    @Test
    void wordsQuotesAndEscapesAsHaproxy() throws ConfigException {
        assertThat(words("  a   b\tc")).containsExactly("a", "b", "c");
        assertThat(words("a \"b c\" 'd e'")).containsExactly("a", "b c", "d e");
        assertThat(words("a x\"b c\"y")).containsExactly("a", "xb cy");
        assertThat(words("a \"\" b")).containsExactly("a", "", "b");
        assertThat(words("a b\\ c")).containsExactly("a", "b c");
        assertThat(words("a \\#b # comment")).containsExactly("a", "#b");
        assertThat(words("a \"#not a comment\" # comment")).containsExactly("a", "#not a comment");
        assertThat(words("a '\\n stays' \"\\n is LF\"")).containsExactly("a", "\\n stays", "\n is LF");
        assertThat(words("a \\x41\\t\\r")).containsExactly("a", "A\t\r");
        assertThat(words("a \"\\\"q\\\"\" '\"'")).containsExactly("a", "\"q\"", "\"");
        // Unknown escapes keep the backslash: regexes and \1 replacements pass through.
        assertThat(words("reqirep \"^([^ :]*)\\ /p/?(.*)\" \"\\1\\ /\\2\"")).containsExactly("reqirep",
                "^([^ :]*) /p/?(.*)", "\\1 /\\2");
        assertThat(words("rspadd Strict-Transport-Security:\\ max-age=1")).containsExactly("rspadd",
                "Strict-Transport-Security: max-age=1");
        // No line continuation: a trailing backslash is a character of the word.
        assertThat(words("a b\\")).containsExactly("a", "b\\");
    }

    @Test
    void sectionsDirectivesAndLineNumbers() throws ConfigException {
        String text = "# head\nglobal\n  maxconn 1\n\nfrontend web # c\n  bind *:80\r\n  mode http\nbackend b\n";
        HaproxyConfig c = ConfigParser.parse(text, "x.cfg");
        assertThat(c.sections()).extracting(Section::keyword).containsExactly("global", "frontend", "backend");
        Section web = c.sections().get(1);
        assertThat(web.name()).isEqualTo("web");
        assertThat(web.line()).isEqualTo(5);
        assertThat(web.directives()).containsExactly(new Directive("bind", List.of("*:80"), "x.cfg", 6),
                new Directive("mode", List.of("http"), "x.cfg", 7));
        assertThat(c.sections().get(2).directives()).isEmpty();
    }

    @Test
    void everyBadLineIsReported() {
        assertProblems("global\n  a \"open\n  b 'x\n",
                "bad.cfg:2: unmatched quote (\")", "bad.cfg:3: unmatched quote (')");
        assertProblems("maxconn 1\nglobal\n  a \\xZZ\n", "bad.cfg:1: 'maxconn' outside of any section",
                "bad.cfg:3: invalid \\x sequence (expected: \\x and two hex digits)");
    }

    private static void assertProblems(String text, String... expected) {
        assertThatThrownBy(() -> ConfigParser.parse(text, "bad.cfg"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigWarning::toString).containsExactly(expected));
    }

    @Test
    void tooManyWords() {
        String line = "global\n  x" + " w".repeat(64) + "\n";
        assertThatThrownBy(() -> ConfigParser.parse(line, "w.cfg")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("w.cfg:2: too many words (65, at most 64)");
    }

    @Test
    void printerQuotesWhatNeedsQuoting() {
        assertThat(ConfigPrinter.quote("plain")).isEqualTo("plain");
        assertThat(ConfigPrinter.quote("")).isEqualTo("\"\"");
        assertThat(ConfigPrinter.quote("a b#c")).isEqualTo("\"a b#c\"");
        assertThat(ConfigPrinter.quote("\\1 \"x\"\n\u0001")).isEqualTo("\"\\\\1 \\\"x\\\"\\n\\x01\"");
    }
}
