package io.mlbj.core.sticky;

import static io.mlbj.core.sticky.StickyFixtures.S3_DOWN;
import static io.mlbj.core.sticky.StickyFixtures.codec;
import static io.mlbj.core.sticky.StickyFixtures.forwarded;
import static io.mlbj.core.sticky.StickyFixtures.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.mlbj.core.balance.ServerStatus;
import io.mlbj.core.routing.Server;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code cookie JSESSIONID prefix nocache}, request side: reference §1.5, each case observed on HAProxy. */
class PrefixRequestTest {
    private final StickyCookieCodec codec = codec("JSESSIONID prefix nocache");

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("no cookie header", List.of(), "", CookieState.NONE, List.of()),
                arguments("prefix stripped", List.of("JSESSIONID=s2~abc"), "s2", CookieState.VALID,
                        List.of("JSESSIONID=abc")),
                arguments("comma separates cookies", List.of("a=1, JSESSIONID=s2~x"), "s2", CookieState.VALID,
                        List.of("a=1, JSESSIONID=x")),
                arguments("$ attributes kept", List.of("$Version=1; JSESSIONID=s1~abc; $Path=/"), "s1",
                        CookieState.VALID, List.of("$Version=1; JSESSIONID=abc; $Path=/")),
                arguments("cookie without = kept", List.of("flag; JSESSIONID=s1~abc"), "s1", CookieState.VALID,
                        List.of("flag; JSESSIONID=abc")),
                arguments("spaces around = removed, others kept", List.of("JSESSIONID = s2~abc ; z=1"), "s2",
                        CookieState.VALID, List.of("JSESSIONID=abc ; z=1")),
                arguments("first ~ splits", List.of("JSESSIONID=s1~b~c"), "s1", CookieState.VALID,
                        List.of("JSESSIONID=b~c")),
                arguments("no ~: whole value matched, forwarded unchanged", List.of("JSESSIONID=s2"), "s2",
                        CookieState.VALID, List.of("JSESSIONID=s2")),
                arguments("empty prefix: balanced, ~ stripped", List.of("JSESSIONID=~abc"), "",
                        CookieState.INVALID, List.of("JSESSIONID=abc")),
                arguments("unknown prefix: balanced, stripped", List.of("JSESSIONID=zz~abc"), "",
                        CookieState.INVALID, List.of("JSESSIONID=abc")),
                arguments("down server: balanced, stripped", List.of("JSESSIONID=s3~abc"), "", CookieState.DOWN,
                        List.of("JSESSIONID=abc")),
                arguments("unknown then valid: valid wins, both stripped",
                        List.of("JSESSIONID=zz~a; JSESSIONID=s2~b"), "s2", CookieState.VALID,
                        List.of("JSESSIONID=a; JSESSIONID=b")),
                arguments("down then valid: valid wins", List.of("JSESSIONID=s3~a; JSESSIONID=s2~b"), "s2",
                        CookieState.VALID, List.of("JSESSIONID=a; JSESSIONID=b")),
                arguments("first valid wins across headers", List.of("JSESSIONID=s1~a", "x=1; JSESSIONID=s2~b"),
                        "s1", CookieState.VALID, List.of("JSESSIONID=a", "x=1; JSESSIONID=b")),
                arguments("later header valid after unknown", List.of("k=v", "JSESSIONID=zz~a", "JSESSIONID=s2~b"),
                        "s2", CookieState.VALID, List.of("k=v", "JSESSIONID=a", "JSESSIONID=b")),
                arguments("name is case-sensitive", List.of("jsessionid=s2~x"), "", CookieState.NONE,
                        List.of("jsessionid=s2~x")),
                arguments("other names untouched", List.of("other=s1~x; JSESSIONIDX=s1~y; XJSESSIONID=s2~z"), "",
                        CookieState.NONE, List.of("other=s1~x; JSESSIONIDX=s1~y; XJSESSIONID=s2~z")),
                arguments("in the middle", List.of("a=1; JSESSIONID=s1~abc; b=2"), "s1", CookieState.VALID,
                        List.of("a=1; JSESSIONID=abc; b=2")),
                arguments("quoted value: prefix inside the quotes", List.of("JSESSIONID=\"s1~abc\""), "s1",
                        CookieState.VALID, List.of("JSESSIONID=\"abc\"")),
                arguments("HAProxy's form of a quoted value", List.of("JSESSIONID=s2~\"q\"; a=1"), "s2",
                        CookieState.VALID, List.of("JSESSIONID=\"q\"; a=1")),
                arguments("quoted value without ~", List.of("JSESSIONID=\"s2\""), "s2", CookieState.VALID,
                        List.of("JSESSIONID=\"s2\"")),
                arguments("draining server still routes while up", List.of("JSESSIONID=s4~abc"), "s4",
                        CookieState.VALID, List.of("JSESSIONID=abc")),
                arguments("server without cookie is never named", List.of("JSESSIONID=nc~abc"), "",
                        CookieState.INVALID, List.of("JSESSIONID=abc")),
                arguments("empty value", List.of("JSESSIONID=; a=1"), "", CookieState.INVALID,
                        List.of("JSESSIONID=; a=1")),
                arguments("separators inside quotes do not split", List.of("a=\"x;y,z\"; JSESSIONID=s1~v"), "s1",
                        CookieState.VALID, List.of("a=\"x;y,z\"; JSESSIONID=v")),
                arguments("our quoted value holding a separator", List.of("JSESSIONID=\"s2~a;b\"; c=1"), "s2",
                        CookieState.VALID, List.of("JSESSIONID=\"a;b\"; c=1")),
                arguments("tabs and trailing separators", List.of("a=1;\tJSESSIONID=s1~v;"), "s1",
                        CookieState.VALID, List.of("a=1;\tJSESSIONID=v;")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void requestSide(String rule, List<String> headers, String server, CookieState state, List<String> expected) {
        StickyRequestDecision d = codec.decide(headers, S3_DOWN);
        assertThat(d.server()).isEqualTo(named(server));
        assertThat(d.state()).isEqualTo(state);
        assertThat(forwarded(d, headers)).containsExactlyElementsOf(expected);
    }

    @Test
    void decisionsWithoutEditsAreShared() {
        List<String> headers = List.of("a=1; b=2");
        assertThat(codec.decide(headers, ServerStatus.ALL_UP)).isSameAs(StickyRequestDecision.NO_COOKIE);
        StickyRequestDecision d = codec.decide(List.of("JSESSIONID=s2"), ServerStatus.ALL_UP);
        assertThat(d.cookieHeadersChanged()).isFalse();
        // Nothing edited: the decision is the shared one of that server.
        assertThat(codec.decide(List.of("a=1; JSESSIONID=s2"), ServerStatus.ALL_UP)).isSameAs(d);
        assertThat(codec.decide(List.of("JSESSIONID=zz"), ServerStatus.ALL_UP))
                .isSameAs(codec.decide(List.of("JSESSIONID=yy"), ServerStatus.ALL_UP));
    }

    @Test
    void serversSharingACookieValueTakeTheFirstThatIsUp() {
        Server a = StickyFixtures.server("a", "shared", false);
        Server b = StickyFixtures.server("b", "shared", false);
        StickyCookieCodec shared = new StickyCookieCodec(StickyFixtures.cookie("JSESSIONID prefix"),
                StickyIndex.of(List.of(a, b)), () -> StickyFixtures.NOW);
        assertThat(shared.decide(List.of("JSESSIONID=shared~x"), ServerStatus.ALL_UP).server()).isSameAs(a);
        assertThat(shared.decide(List.of("JSESSIONID=shared~x"), StickyFixtures.downs("a")).server()).isSameAs(b);
        assertThat(shared.decide(List.of("JSESSIONID=shared~x"), StickyFixtures.downs("a", "b")).state())
                .isEqualTo(CookieState.DOWN);
    }

    @Test
    void forwardedHeaderIsReadInPlaceAndDroppedHeadersAreNull() {
        StickyRequestDecision d = codec.decide(List.of("x=1", "JSESSIONID=s1~abc"), ServerStatus.ALL_UP);
        assertThat(d.forwardedHeader(0)).isEqualTo("x=1");
        CharSequence edited = d.forwardedHeader(1);
        assertThat(edited.length()).isEqualTo("JSESSIONID=abc".length());
        assertThat(edited.toString()).isEqualTo("JSESSIONID=abc");
        assertThat(edited.subSequence(11, 14).toString()).isEqualTo("abc");
    }
}
