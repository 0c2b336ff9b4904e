package io.mlbj.core.sticky;

import static io.mlbj.core.sticky.StickyFixtures.NOW;
import static io.mlbj.core.sticky.StickyFixtures.S3_DOWN;
import static io.mlbj.core.sticky.StickyFixtures.SERVERS;
import static io.mlbj.core.sticky.StickyFixtures.cookie;
import static io.mlbj.core.sticky.StickyFixtures.forwarded;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The scan that jumps to cookies named like ours decides exactly what the scan reading every cookie
 * decides, over headers made of pieces chosen to trip it: our name inside values, quotes, flags, spaces,
 * both separators, prefixes and dates.
 */
class CookieJumpProperties {
    private static final List<String> PIECES = List.of("JSESSIONID", "mesosphere_server_id", "SRV", "=", "=", ";",
            "; ", ",", " ", "\t", "\"", "~", "|", "s1", "s2", "s3", "s4", "zz", "a", "X", "$", "AAAAA", "s1~",
            "JSESSIONID=", "mesosphere_server_id=", "SRV=");

    @Provide
    Arbitrary<List<String>> headers() {
        Arbitrary<String> header = Arbitraries.of(PIECES).list().ofMinSize(0).ofMaxSize(14)
                .map(pieces -> String.join("", pieces));
        return header.list().ofMinSize(0).ofMaxSize(3);
    }

    @Provide
    Arbitrary<String> directives() {
        return Arbitraries.of("JSESSIONID prefix nocache", "JSESSIONID prefix indirect",
                "mesosphere_server_id insert indirect nocache", "mesosphere_server_id insert",
                "SRV rewrite", "SRV insert indirect maxidle 3600 maxlife 86400", "SRV insert maxidle 3600");
    }

    @Property(tries = 3000)
    void jumpingDecidesWhatReadingEveryCookieDecides(@ForAll("directives") String directive,
            @ForAll("headers") List<String> headers) {
        StickyCookieCodec jumping = new StickyCookieCodec(cookie(directive), StickyIndex.of(SERVERS), () -> NOW,
                true);
        StickyCookieCodec reading = new StickyCookieCodec(cookie(directive), StickyIndex.of(SERVERS), () -> NOW,
                false);
        StickyRequestDecision fast = jumping.decide(headers, S3_DOWN);
        StickyRequestDecision simple = reading.decide(headers, S3_DOWN);
        assertThat(fast.server()).isEqualTo(simple.server());
        assertThat(fast.state()).isEqualTo(simple.state());
        assertThat(fast.cookieHeadersChanged()).isEqualTo(simple.cookieHeadersChanged());
        assertThat(forwarded(fast, headers)).isEqualTo(forwarded(simple, headers));
        assertThat(fast.lastSeen()).isEqualTo(simple.lastSeen());
        assertThat(fast.firstSeen()).isEqualTo(simple.firstSeen());
    }
}
