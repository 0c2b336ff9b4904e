package io.mlbj.core.sticky;

import static io.mlbj.core.sticky.StickyFixtures.S1;
import static io.mlbj.core.sticky.StickyFixtures.codec;
import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.balance.ServerStatus;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Round trips of the codec over generated cookies (RFC 6265 syntax). */
class StickyCookieCodecProperties {
    private static final String TOKEN_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-.^_`|~";
    // cookie-octet: %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E
    private static final String OCTETS = "!#$%&'()*+-./0123456789:<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";

    /** One cookie of a request: ours (value before prefixing) or an unrelated one. */
    record Crumb(boolean ours, String name, String value) {
        String render() {
            return name + "=" + value;
        }
    }

    @Provide
    Arbitrary<String> legalValues() {
        Arbitrary<String> bare = Arbitraries.strings().withChars(OCTETS).ofMinLength(0).ofMaxLength(24);
        return Arbitraries.oneOf(bare, bare.map(v -> "\"" + v + "\""));
    }

    @Property(tries = 400)
    void prefixThenStripGivesBackTheServersValue(@ForAll("legalValues") String value) {
        StickyCookieCodec codec = codec("JSESSIONID prefix nocache");
        StickyRequestDecision none = codec.decide(List.of(), ServerStatus.ALL_UP);
        String setCookie = codec.rewriteResponse(none, S1, "GET", 200, List.of("JSESSIONID=" + value + "; Path=/"),
                List.of(), List.of()).setCookieHeaders().get(0);
        String clientValue = setCookie.substring("JSESSIONID=".length(), setCookie.indexOf("; Path=/"));

        StickyRequestDecision back = codec.decide(List.of("JSESSIONID=" + clientValue), ServerStatus.ALL_UP);
        assertThat(back.server()).isEqualTo(S1);
        assertThat(back.forwardedHeaders()).containsExactly("JSESSIONID=" + value);
    }

    @Provide
    Arbitrary<List<List<Crumb>>> requests() {
        Arbitrary<String> names = Arbitraries.strings().withChars(TOKEN_CHARS).ofMinLength(1).ofMaxLength(12)
                .filter(n -> !n.equals("JSESSIONID") && !n.equals("mesosphere_server_id"));
        Arbitrary<Crumb> unrelated = Combinators.combine(names, legalValues()).as((n, v) -> new Crumb(false, n, v));
        Arbitrary<Crumb> ours = Combinators.combine(Arbitraries.of("s1", "s2", "zz", ""), legalValues())
                .as((server, v) -> new Crumb(true, server, v));
        Arbitrary<Crumb> crumb = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, unrelated), net.jqwik.api.Tuple.of(1, ours));
        return crumb.list().ofMinSize(1).ofMaxSize(6).list().ofMinSize(0).ofMaxSize(4);
    }

    @Property(tries = 400)
    void prefixModeStripsOnlyOurCookieAndKeepsEveryHeaderInOrder(@ForAll("requests") List<List<Crumb>> request,
            @ForAll("separators") String separator) {
        List<String> headers = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (List<Crumb> header : request) {
            List<String> sent = new ArrayList<>();
            List<String> forwarded = new ArrayList<>();
            for (Crumb c : header) {
                if (c.ours()) {
                    sent.add("JSESSIONID=" + prefixed(c.name(), c.value()));
                    forwarded.add("JSESSIONID=" + c.value());
                } else {
                    sent.add(c.render());
                    forwarded.add(c.render());
                }
            }
            headers.add(String.join(separator, sent));
            expected.add(String.join(separator, forwarded));
        }
        StickyRequestDecision d = codec("JSESSIONID prefix").decide(headers, ServerStatus.ALL_UP);
        assertThat(StickyFixtures.forwarded(d, headers)).containsExactlyElementsOf(expected);
        String firstKnown = request.stream().flatMap(List::stream)
                .filter(c -> c.ours() && (c.name().equals("s1") || c.name().equals("s2")))
                .map(Crumb::name).findFirst().orElse(null);
        assertThat(d.server() == null ? null : d.server().cookie()).isEqualTo(firstKnown);
    }

    @Property(tries = 400)
    void insertIndirectRemovesOnlyOurCookieAndKeepsTheRestInOrder(@ForAll("requests") List<List<Crumb>> request,
            @ForAll("separators") String separator) {
        List<String> headers = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (List<Crumb> header : request) {
            List<String> sent = new ArrayList<>();
            List<String> forwarded = new ArrayList<>();
            for (Crumb c : header) {
                if (c.ours()) {
                    sent.add("mesosphere_server_id=" + c.name());
                } else {
                    sent.add(c.render());
                    forwarded.add(c.render());
                }
            }
            headers.add(String.join(separator, sent));
            if (!forwarded.isEmpty()) {
                expected.add(String.join(separator, forwarded));
            }
        }
        StickyRequestDecision d = codec("mesosphere_server_id insert indirect nocache").decide(headers,
                ServerStatus.ALL_UP);
        assertThat(StickyFixtures.forwarded(d, headers)).containsExactlyElementsOf(expected);
    }

    @Property(tries = 300)
    void unrelatedSetCookiesAreKeptByteForByteAndInOrder(@ForAll("requests") List<List<Crumb>> response) {
        List<String> setCookies = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (List<Crumb> header : response) {
            Crumb c = header.get(0);
            if (c.ours()) {
                setCookies.add("JSESSIONID=" + c.value() + "; Path=/");
                expected.add("JSESSIONID=" + prefixed("s1", c.value()) + "; Path=/");
            } else {
                setCookies.add(c.render() + "; HttpOnly");
                expected.add(c.render() + "; HttpOnly");
            }
        }
        StickyCookieCodec codec = codec("JSESSIONID prefix");
        StickyResponseEdit edit = codec.rewriteResponse(codec.decide(List.of(), ServerStatus.ALL_UP), S1, "GET", 200,
                setCookies, List.of(), List.of());
        assertThat(edit.setCookieHeadersChanged() ? edit.setCookieHeaders() : setCookies)
                .containsExactlyElementsOf(expected);
    }

    @Provide
    Arbitrary<String> separators() {
        return Arbitraries.of("; ", ";", ", ", " ; ", ";\t");
    }

    /** How the codec prefixes a value: inside the quotes of a quoted value. */
    private static String prefixed(String server, String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return "\"" + server + "~" + value.substring(1);
        }
        return server + "~" + value;
    }
}
