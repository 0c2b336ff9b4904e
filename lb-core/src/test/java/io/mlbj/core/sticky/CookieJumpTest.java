package io.mlbj.core.sticky;

import static io.mlbj.core.sticky.StickyFixtures.S3_DOWN;
import static io.mlbj.core.sticky.StickyFixtures.codec;
import static io.mlbj.core.sticky.StickyFixtures.forwarded;
import static io.mlbj.core.sticky.StickyFixtures.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The request scan jumps to the cookies whose text starts with our name instead of reading every cookie:
 * the cases where the name occurs elsewhere (inside a value, inside quotes, as part of another name) and
 * where the cookie left before a removed one must be found without having been read.
 */
class CookieJumpTest {
    private static final String PREFIX = "JSESSIONID prefix nocache";
    private static final String MLB = "mesosphere_server_id insert indirect nocache";

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments(PREFIX, List.of("a=JSESSIONID=s1~x; JSESSIONID=s2~y"), "s2", CookieState.VALID,
                        List.of("a=JSESSIONID=s1~x; JSESSIONID=y")),
                arguments(PREFIX, List.of("a=\"; JSESSIONID=s1~x\"; JSESSIONID=s2~y"), "s2", CookieState.VALID,
                        List.of("a=\"; JSESSIONID=s1~x\"; JSESSIONID=y")),
                arguments(PREFIX, List.of("a=\"JSESSIONID=s1~x\""), "", CookieState.NONE,
                        List.of("a=\"JSESSIONID=s1~x\"")),
                arguments(PREFIX, List.of("flag JSESSIONID=s1~x"), "", CookieState.NONE,
                        List.of("flag JSESSIONID=s1~x")),
                arguments(PREFIX, List.of("XJSESSIONID=s1~a; JSESSIONID=s2~b"), "s2", CookieState.VALID,
                        List.of("XJSESSIONID=s1~a; JSESSIONID=b")),
                arguments(PREFIX, List.of("a=1 ;  \t JSESSIONID=s1~v"), "s1", CookieState.VALID,
                        List.of("a=1 ;  \t JSESSIONID=v")),
                arguments(PREFIX, List.of("JSESSIONID=s1~a; b=\"JSESSIONID=s2~c\""), "s1", CookieState.VALID,
                        List.of("JSESSIONID=a; b=\"JSESSIONID=s2~c\"")),
                arguments(PREFIX, List.of("b=\"q\"; c=JSESSIONID; JSESSIONID=s2~c"), "s2", CookieState.VALID,
                        List.of("b=\"q\"; c=JSESSIONID; JSESSIONID=c")),
                arguments(PREFIX, List.of("JSESSIONID"), "", CookieState.NONE, List.of("JSESSIONID")),
                arguments(MLB, List.of("a=1; mesosphere_server_id=s1; b=2; mesosphere_server_id=s2"), "s1",
                        CookieState.VALID, List.of("a=1; b=2")),
                arguments(MLB, List.of("a=\"x\"; mesosphere_server_id=s1; b=2"), "s1", CookieState.VALID,
                        List.of("a=\"x\"; b=2")),
                arguments(MLB, List.of("flag; mesosphere_server_id=s2"), "s2", CookieState.VALID, List.of("flag")),
                arguments(MLB, List.of("mesosphere_server_id=s1 ; mesosphere_server_id=s2 ; c=3"), "s1",
                        CookieState.VALID, List.of("c=3")),
                arguments(MLB, List.of("a=mesosphere_server_id; mesosphere_server_id=s2"), "s2", CookieState.VALID,
                        List.of("a=mesosphere_server_id")),
                arguments(MLB, List.of("a=1 , mesosphere_server_id=zz,mesosphere_server_id=s2"), "s2",
                        CookieState.VALID, List.of("a=1")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void requestSide(String directive, List<String> headers, String server, CookieState state,
            List<String> expected) {
        StickyRequestDecision d = codec(directive).decide(headers, S3_DOWN);
        assertThat(d.server()).isEqualTo(named(server));
        assertThat(d.state()).isEqualTo(state);
        assertThat(forwarded(d, headers)).containsExactlyElementsOf(expected);
    }
}
