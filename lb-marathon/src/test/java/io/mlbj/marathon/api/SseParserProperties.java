package io.mlbj.marathon.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class SseParserProperties {

    @Provide
    Arbitrary<String> streams() {
        // biased toward the characters that matter to the grammar
        Arbitrary<String> tokens = Arbitraries.of(
                "data", "data:", "data: ", "event:", "event: x", "id:", "id: 1", "retry: 5", "retry: x",
                ":", ": c", "\n", "\r", "\r\n", "\n\n", "\uFEFF", "\u0000", "x", "{\"eventType\":\"a\"}", " ");
        Arbitrary<String> any = Arbitraries.strings().ofMaxLength(5);
        return Arbitraries.oneOf(tokens, tokens, tokens, any).list().ofMaxSize(40).map(l -> String.join("", l));
    }

    @Property(tries = 500)
    void neverThrows(@ForAll("streams") String input, @ForAll String noise) {
        SseParser parser = new SseParser();
        parser.feed(input);
        parser.feed(noise);
        parser.feed(input);
    }

    @Property(tries = 1000)
    void splittingTheInputAnywhereGivesTheSameEvents(
            @ForAll("streams") String input, @ForAll @Size(max = 8) List<@IntRange(min = 0, max = 200) Integer> cuts) {
        List<SseEvent> whole = new SseParser().feed(input);

        List<Integer> points = new ArrayList<>();
        for (int cut : cuts) {
            points.add(Math.min(cut, input.length()));
        }
        points.sort(Integer::compare);
        SseParser chunked = new SseParser();
        List<SseEvent> events = new ArrayList<>();
        int from = 0;
        for (int point : points) {
            events.addAll(chunked.feed(input.substring(from, point)));
            from = point;
        }
        events.addAll(chunked.feed(input.substring(from)));

        assertThat(events).isEqualTo(whole);
    }

    @Property(tries = 300)
    void eachCharacterAtATimeGivesTheSameEvents(@ForAll("streams") String input) {
        List<SseEvent> whole = new SseParser().feed(input);
        SseParser oneByOne = new SseParser();
        List<SseEvent> events = new ArrayList<>();
        for (int i = 0; i < input.length(); i++) {
            events.addAll(oneByOne.feed(input.substring(i, i + 1)));
        }
        assertThat(events).isEqualTo(whole);
    }
}
