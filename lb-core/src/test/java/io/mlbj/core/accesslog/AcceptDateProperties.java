package io.mlbj.core.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The accept date of log lines, written field by field, is what the pattern formatter writes. */
class AcceptDateProperties {
    private static final DateTimeFormatter PATTERN = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss.SSS", Locale.ROOT);

    @Property(tries = 2000)
    void isWhatThePatternFormatterWrites(@ForAll("instants") Instant instant, @ForAll("zones") ZoneId zone) {
        ZonedDateTime at = instant.atZone(zone);
        assertThat(LogLineParts.acceptDate(new StringBuilder("x"), at).toString()).isEqualTo("x" + PATTERN.format(at));
    }

    @Example
    void farOffClocksAreWrittenAsTheFormatterDoes() {
        for (ZonedDateTime at : List.of(ZonedDateTime.of(10_000, 1, 2, 3, 4, 5, 6_000_000, ZoneId.of("UTC")),
                ZonedDateTime.of(0, 12, 31, 23, 59, 59, 999_999_999, ZoneId.of("UTC")),
                ZonedDateTime.of(999, 7, 1, 0, 0, 0, 0, ZoneId.of("UTC")))) {
            assertThat(LogLineParts.acceptDate(new StringBuilder(), at).toString()).isEqualTo(PATTERN.format(at));
        }
    }

    @Provide
    Arbitrary<Instant> instants() {
        // Years 1 to 9999, and the days around now more often.
        Arbitrary<Long> any = Arbitraries.longs().between(-62_135_596_800_000L, 253_402_300_799_999L);
        Arbitrary<Long> recent = Arbitraries.longs().between(1_700_000_000_000L, 1_900_000_000_000L);
        return Arbitraries.oneOf(any, recent).map(Instant::ofEpochMilli);
    }

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Pacific/Chatham")
                .map(ZoneId::of);
    }
}
