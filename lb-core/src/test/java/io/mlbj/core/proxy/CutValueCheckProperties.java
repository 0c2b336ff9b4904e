package io.mlbj.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * {@link DecodedHeaders#checkCutValue} against Netty's full check ({@link DecodedHeaders#checkAddedValue}): for
 * any value a decoded head can carry (trimmed, field-vchars with spaces and tabs between) and any characters
 * removed from it, both refuse the same values with the same message.
 */
class CutValueCheckProperties {

    @Property(tries = 3000)
    void aCutValueIsRefusedExactlyWhenNettyRefusesIt(@ForAll("decodedValues") String value, @ForAll long seed) {
        assertThat(outcome(() -> DecodedHeaders.checkAddedValue("cookie", value))).isEmpty();
        String cut = cut(value, new Random(seed));
        String netty = outcome(() -> DecodedHeaders.checkAddedValue("cookie", cut));
        assertThat(outcome(() -> DecodedHeaders.checkCutValue("cookie", cut))).as("cut %s of %s", cut, value)
                .isEqualTo(netty);
        Statistics.label("refused").collect(!netty.isEmpty());
    }

    @Provide
    Arbitrary<String> decodedValues() {
        Arbitrary<Character> vchar = Arbitraries.oneOf(Arbitraries.chars().range('!', '~'),
                Arbitraries.chars().range('\u0080', '\u00ff'));
        Arbitrary<Character> any = Arbitraries.oneOf(vchar, Arbitraries.of(' ', '\t'));
        return Arbitraries.strings().withChars(' ', '\t', ';', '=', 'a', 'Z', '~', '\u00e9').ofMinLength(0).ofMaxLength(20)
                .flatMap(middle -> Arbitraries.oneOf(
                        vchar.map(String::valueOf),
                        Combinators.combine(vchar, any.list().ofMaxSize(30), vchar)
                                .as((a, m, z) -> a + join(m) + middle + z)));
    }

    private static String join(List<Character> chars) {
        StringBuilder b = new StringBuilder();
        chars.forEach(b::append);
        return b.toString();
    }

    // Removes one to three ranges, as the cookie codec cuts cookies out of a header value.
    private static String cut(String value, Random r) {
        StringBuilder out = new StringBuilder(value);
        for (int n = 1 + r.nextInt(3); n > 0 && out.length() > 0; n--) {
            int from = r.nextInt(out.length());
            int to = from + 1 + r.nextInt(out.length() - from);
            out.delete(r.nextInt(4) == 0 ? 0 : from, to);
        }
        return out.toString();
    }

    private static String outcome(Runnable check) {
        try {
            check.run();
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage() + " / " + (e.getCause() == null ? "-" : e.getCause().getMessage());
        }
    }
}
