package io.mlbj.core.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.routing.ConfigWarning;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** Parse → print → parse keeps every word; garbage only ever yields ConfigException with line numbers. */
class ConfigParserProperties {

    @Property(tries = 400)
    void printedConfigParsesToTheSameWords(@ForAll("configs") HaproxyConfig config) throws ConfigException {
        String printed = ConfigPrinter.print(config);
        HaproxyConfig reparsed = ConfigParser.parse(printed, "p.cfg");
        assertThat(ConfigShape.of(reparsed)).isEqualTo(ConfigShape.of(config));
        // And the printed form is a fixed point.
        assertThat(ConfigPrinter.print(reparsed)).isEqualTo(printed);
        int line = 1;
        for (Section s : reparsed.sections()) {
            assertThat(s.line()).isEqualTo(line++);
            for (Directive d : s.directives()) {
                assertThat(d.line()).isEqualTo(line++);
            }
        }
    }

    @Property(tries = 1000)
    void garbageLinesOnlyFailWithConfigException(@ForAll("garbage") String text) {
        String outcome = assertOnlyConfigException(text);
        Statistics.label("outcome").collect(outcome);
    }

    @Property(tries = 300)
    void randomBytesOnlyFailWithConfigException(@ForAll byte[] bytes) {
        assertOnlyConfigException(new String(bytes, StandardCharsets.ISO_8859_1));
        assertOnlyConfigException(new String(bytes, StandardCharsets.UTF_8));
    }

    private static String assertOnlyConfigException(String text) {
        String outcome = "accepted";
        for (boolean strict : new boolean[] {false, true}) {
            try {
                ConfigParser.parse(text, "g.cfg");
            } catch (ConfigException e) {
                outcome = "syntax error";
            }
            try {
                new ConfigInterpreter(MapFileReader.NONE, strict).interpret(text, "g.cfg");
            } catch (ConfigException e) {
                if (outcome.equals("accepted")) {
                    outcome = "rejected by the interpreter";
                }
                assertThat(e.problems()).isNotEmpty();
                assertThat(e.problems()).allSatisfy(p -> {
                    assertThat(p.file()).isEqualTo("g.cfg");
                    assertThat(p.line()).isBetween(1, text.split("\n", -1).length);
                });
            }
        }
        return outcome;
    }

    @Provide
    Arbitrary<HaproxyConfig> configs() {
        Arbitrary<String> anyWord = Arbitraries.strings().ofMaxLength(12)
                .withChars("ab #'\"\\\t\r\n%[]{}$:,x\u0001\u00e9");
        Arbitrary<String> keyword = Arbitraries.strings().ofMinLength(1).ofMaxLength(10)
                .withChars("abcdefghijklmnopqrstuvwxyz-._'\"# \\")
                .filter(k -> !ConfigParser.SECTION_KEYWORDS.contains(k));
        Arbitrary<Directive> directive = Combinators.combine(keyword, anyWord.list().ofMaxSize(8))
                .as((k, args) -> new Directive(k, args, "p.cfg", 1));
        Arbitrary<Section> section = Combinators.combine(
                        Arbitraries.of(List.copyOf(ConfigParser.SECTION_KEYWORDS)),
                        anyWord.list().ofMaxSize(3), directive.list().ofMaxSize(6))
                .as((k, args, ds) -> new Section(k, args, ds, "p.cfg", 1));
        return section.list().ofMaxSize(5).map(HaproxyConfig::new);
    }

    @Provide
    Arbitrary<String> garbage() {
        Arbitrary<String> token = Arbitraries.oneOf(
                Arbitraries.of("global", "defaults", "frontend f", "backend b", "listen l", "userlist u", "peers p",
                        "bind", "*:80", ":443", "ssl", "crt", "/c.pem", "abns@x", "server", "s1", "10.0.0.1:80",
                        "check", "inter", "weight", "cookie", "id", "acl", "a", "hdr(host)", "-i", "path_beg", "src",
                        "10.0.0.0/8", "use_backend", "default_backend", "b", "f", "if", "unless", "!", "{", "}", "or",
                        "||", "http-request", "http-response", "set-header", "auth", "realm", "deny", "redirect",
                        "scheme", "location", "code", "301", "tcp-request", "content", "reject", "accept", "mode",
                        "http", "tcp", "balance", "roundrobin", "hdr(x)", "option", "httpchk", "timeout", "client",
                        "3s", "retries", "-1", "user", "password", "$6$x$y", "stats", "enable", "monitor-uri",
                        "%[req.hdr(host),lower,map(/m)]", "%[", "reqirep", "rspadd", "\"a b\"", "'x'", "\\ ", "#",
                        "http_auth(u)", "nbsrv(b)", "ge", "regsub(", "(", ")", "65536", "0", "no", "maxconn"),
                Arbitraries.strings().ofMaxLength(6).withChars("ab:*!{}()[]%,# \t0123456789"));
        Arbitrary<String> line = token.list().ofMaxSize(9).map(ws -> String.join(" ", ws));
        Arbitrary<String> header = Arbitraries.of("frontend f", "backend b", "listen l", "defaults", "global",
                "userlist u", "frontend g", "backend c");
        // Mostly well-formed: a section header first and now and then, so the interpreter is reached.
        Arbitrary<String> sectionText = Combinators.combine(header, line.list().ofMaxSize(8))
                .as((h, ls) -> h + "\n" + String.join("\n", ls));
        return Arbitraries.oneOf(
                sectionText.list().ofMinSize(1).ofMaxSize(5).map(ss -> String.join("\n", ss)),
                line.list().ofMaxSize(25).map(ls -> String.join("\n", new ArrayList<>(ls))));
    }

    @Property(tries = 50)
    void warningsOfGarbageNameTheFile(@ForAll("garbage") String text) {
        try {
            for (ConfigWarning w : new ConfigInterpreter(MapFileReader.NONE, false).interpret(text, "g.cfg")
                    .warnings()) {
                assertThat(w.file()).isEqualTo("g.cfg");
                assertThat(w.line()).isPositive();
            }
        } catch (ConfigException e) {
            assertThat(e.problems()).isNotEmpty();
        }
    }
}
