package io.mlbj.core.sticky;

import static io.mlbj.core.sticky.StickyFixtures.S3_DOWN;
import static io.mlbj.core.sticky.StickyFixtures.codec;
import static io.mlbj.core.sticky.StickyFixtures.forwarded;
import static io.mlbj.core.sticky.StickyFixtures.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Request side of {@code insert} (marathon-lb's default) and {@code rewrite}: reference §1.2-1.3. */
class InsertRequestTest {

    static Stream<Arguments> cases() {
        String mlb = "mesosphere_server_id insert indirect nocache";
        return Stream.of(
                arguments(mlb, List.of("mesosphere_server_id=s2"), "s2", CookieState.VALID, List.of()),
                arguments(mlb, List.of("a=1; mesosphere_server_id=s2; b=2"), "s2", CookieState.VALID,
                        List.of("a=1; b=2")),
                arguments(mlb, List.of("a=1; mesosphere_server_id=s2"), "s2", CookieState.VALID, List.of("a=1")),
                arguments(mlb, List.of("mesosphere_server_id=s2; b=2"), "s2", CookieState.VALID, List.of("b=2")),
                arguments(mlb, List.of("a=1, mesosphere_server_id=s1, b=2"), "s1", CookieState.VALID,
                        List.of("a=1, b=2")),
                arguments(mlb, List.of("mesosphere_server_id=zz; b=2"), "", CookieState.INVALID, List.of("b=2")),
                arguments(mlb, List.of("mesosphere_server_id=s3"), "", CookieState.DOWN, List.of()),
                arguments(mlb, List.of("a=1", "mesosphere_server_id=s1"), "s1", CookieState.VALID, List.of("a=1")),
                arguments(mlb, List.of("mesosphere_server_id=s1; mesosphere_server_id=s2"), "s1",
                        CookieState.VALID, List.of()),
                arguments(mlb, List.of("a=1; mesosphere_server_id=s1; b=2; mesosphere_server_id=s2; c=3"), "s1",
                        CookieState.VALID, List.of("a=1; b=2; c=3")),
                arguments(mlb, List.of("a=1; mesosphere_server_id=zz; mesosphere_server_id=s2"), "s2",
                        CookieState.VALID, List.of("a=1")),
                arguments(mlb, List.of("mesosphere_server_id=s4"), "s4", CookieState.VALID, List.of()),
                arguments(mlb, List.of("mesosphere_server_id="), "", CookieState.INVALID, List.of()),
                arguments(mlb, List.of("other=s1"), "", CookieState.NONE, List.of("other=s1")),
                arguments("mesosphere_server_id insert", List.of("a=1; mesosphere_server_id=s2"), "s2",
                        CookieState.VALID, List.of("a=1; mesosphere_server_id=s2")),
                arguments("SRV rewrite", List.of("SRV=s2; a=1"), "s2", CookieState.VALID, List.of("SRV=s2; a=1")),
                arguments("SRV rewrite", List.of("SRV=s3"), "", CookieState.DOWN, List.of("SRV=s3")));
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

    @Test
    void headerHoldingOnlyThePersistenceCookieIsDropped() {
        StickyRequestDecision d = codec("mesosphere_server_id insert indirect")
                .decide(List.of("a=1", "mesosphere_server_id=s1", "b=2"), S3_DOWN);
        assertThat(d.cookieHeadersChanged()).isTrue();
        assertThat(d.forwardedHeader(0)).isEqualTo("a=1");
        assertThat(d.forwardedHeader(1)).isNull();
        assertThat(d.forwardedHeader(2)).isEqualTo("b=2");
    }

    @Test
    void unchangedDecisionRefusesToInventHeaders() {
        StickyRequestDecision d = codec("mesosphere_server_id insert").decide(List.of("x=1"), S3_DOWN);
        assertThatThrownBy(d::forwardedHeaders).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void incompatibleOptionsAreRejectedWithTheirNames() {
        assertThatThrownBy(() -> codec("SRV rewrite indirect")).hasMessageContaining("'rewrite' with 'indirect'");
        assertThatThrownBy(() -> codec("SRV prefix preserve")).hasMessageContaining("'preserve'");
    }
}
