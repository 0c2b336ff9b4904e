package io.mlbj.core.sticky;

import static io.mlbj.core.sticky.StickyFixtures.S1;
import static io.mlbj.core.sticky.StickyFixtures.codec;
import static io.mlbj.core.sticky.StickyFixtures.named;
import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.balance.ServerStatus;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code maxidle}/{@code maxlife}: dates appended to inserted cookies as HAProxy's {@code s30tob64}
 * (vectors computed independently: 1767225600 s = 2026-01-01T00:00:00Z is {@code aVW5A}).
 */
class CookieDatesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "1767225600, aVW5A",
        "1767225500, aVW4n",
        "1767221600, aVWpY",
        "1767398400, aVhcA",
    })
    void encodesAndDecodesLikeHaproxy(long seconds, String text) {
        StringBuilder out = new StringBuilder();
        CookieDates.append(out, (int) (seconds >> 2));
        assertThat(out.toString()).isEqualTo(text);
        assertThat(CookieDates.decode(text, 0, 5)).isEqualTo(seconds & ~3L);
        assertThat(CookieDates.decode("aVW5", 0, 4)).isZero();
        assertThat(CookieDates.decode("aV!5A", 0, 5)).isZero();
    }

    @ParameterizedTest(name = "{0}: {1} -> {2} {3}")
    @CsvSource({
        // directive,                         request cookie,     server, state
        "SRV insert maxidle 3600,             SRV=s1|aVW4n,       s1, VALID",
        "SRV insert maxidle 3600,             SRV=s1|aVWpY,       '', EXPIRED",
        "SRV insert maxidle 3600,             SRV=s1|aVhcA,       '', EXPIRED",
        "SRV insert maxidle 3600,             SRV=s1,             s1, VALID",
        "SRV insert maxidle 3600,             SRV=s1|bad,         s1, VALID",
        "SRV insert maxlife 7200,             SRV=s1|aVW4n|aVW1G, s1, VALID",
        "SRV insert maxlife 7200,             SRV=s1|aVW4n|aVWZw, '', EXPIRED",
        "SRV insert maxidle 3600 maxlife 7200, SRV=s1|aVWpY|aVW1G, '', EXPIRED",
        "SRV insert,                          SRV=s1|aVWpY,       s1, VALID",
        "SRV insert,                          SRV=|aVW4n,         '', INVALID",
    })
    void staleCookiesAreIgnored(String directive, String cookie, String server, CookieState state) {
        StickyRequestDecision d = codec(directive).decide(List.of(cookie), ServerStatus.ALL_UP);
        assertThat(d.state()).isEqualTo(state);
        assertThat(d.server()).isEqualTo(named(server));
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource({
        // balanced requests get the dates
        "SRV insert maxidle 3600,              '',                 SRV=s1|aVW5A; path=/",
        "SRV insert maxlife 7200,              '',                 SRV=s1|aVW5A|aVW5A; path=/",
        // a valid cookie whose last date has passed is sent again, keeping its first date
        "SRV insert indirect maxidle 3600,     SRV=s1|aVW4n,       SRV=s1|aVW5A; path=/",
        "SRV insert maxidle 3600 maxlife 7200, SRV=s1|aVW4n|aVW1G, SRV=s1|aVW5A|aVW1G; path=/",
        // same 4-second unit: nothing to refresh
        "SRV insert maxidle 3600,              SRV=s1|aVW5A,       ''",
        // maxlife without a first date in the cookie: it is added
        "SRV insert maxlife 7200,              SRV=s1,             SRV=s1|aVW5A|aVW5A; path=/",
        // dates no longer configured: the cookie is sent again without them
        "SRV insert,                           SRV=s1|aVW5A|aVW1G, SRV=s1; path=/",
        "SRV insert,                           SRV=s1,             ''",
    })
    void datesAreRefreshed(String directive, String cookie, String expectedSetCookie) {
        StickyCookieCodec codec = codec(directive);
        StickyRequestDecision request = codec.decide(cookie.isEmpty() ? List.of() : List.of(cookie),
                ServerStatus.ALL_UP);
        StickyResponseEdit edit = codec.rewriteResponse(request, S1, "GET", 200, List.of(), List.of(), List.of());
        if (expectedSetCookie.isEmpty()) {
            assertThat(edit.setCookieHeadersChanged()).isFalse();
        } else {
            assertThat(edit.setCookieHeaders()).containsExactly(expectedSetCookie);
        }
    }

    @Test
    void datesRouteTheSameServerAsWithout() {
        StickyRequestDecision d = codec("SRV insert indirect maxidle 3600")
                .decide(List.of("a=1; SRV=s2|aVW4n; b=2"), ServerStatus.ALL_UP);
        assertThat(d.server()).isEqualTo(StickyFixtures.S2);
        assertThat(d.forwardedHeaders()).containsExactly("a=1; b=2");
    }
}
