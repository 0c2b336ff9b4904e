package io.mlbj.marathon.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SseParserTest {

    private static SseEvent msg(String data) {
        return new SseEvent("message", data, "");
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("single data line", "data: hello\n\n", List.of(msg("hello"))),
                Arguments.of("multi-line data joined with LF", "data: a\ndata: b\ndata:c\n\n", List.of(msg("a\nb\nc"))),
                Arguments.of("only one space stripped", "data:  two spaces\n\n", List.of(msg(" two spaces"))),
                Arguments.of("no space after colon", "data:x\n\n", List.of(msg("x"))),
                Arguments.of("comment ignored", ": keep-alive\n\ndata: x\n\n", List.of(msg("x"))),
                Arguments.of("comment only dispatches nothing", ":\n\n:\n\n", List.of()),
                Arguments.of("event type", "event: status_update_event\ndata: {}\n\n",
                        List.of(new SseEvent("status_update_event", "{}", ""))),
                Arguments.of("event type resets after dispatch", "event: a\ndata: 1\n\ndata: 2\n\n",
                        List.of(new SseEvent("a", "1", ""), msg("2"))),
                Arguments.of("event without data is not dispatched and its type is dropped",
                        "event: a\n\ndata: 2\n\n", List.of(msg("2"))),
                Arguments.of("id is remembered across events", "id: 7\ndata: 1\n\ndata: 2\n\n",
                        List.of(new SseEvent("message", "1", "7"), new SseEvent("message", "2", "7"))),
                Arguments.of("id with NUL ignored", "id: a\u0000b\ndata: 1\n\n", List.of(msg("1"))),
                Arguments.of("CRLF line ends", "data: a\r\ndata: b\r\n\r\n", List.of(msg("a\nb"))),
                Arguments.of("CR line ends", "data: a\rdata: b\r\r", List.of(msg("a\nb"))),
                Arguments.of("mixed line ends", "data: a\r\n\ndata: b\r\rdata: c\n\r\n", List.of(msg("a"), msg("b"), msg("c"))),
                Arguments.of("leading BOM skipped", "\uFEFFdata: x\n\n", List.of(msg("x"))),
                Arguments.of("second BOM kept as field name char", "\uFEFF\uFEFFdata: x\n\n", List.of()),
                Arguments.of("field without colon: data with empty value", "data\n\n", List.of(msg(""))),
                Arguments.of("two empty data lines give one LF", "data\ndata\n\n", List.of(msg("\n"))),
                Arguments.of("unknown field ignored", "foo: bar\ndata: x\n\n", List.of(msg("x"))),
                Arguments.of("colon in value kept", "data: {\"a\":1}\n\n", List.of(msg("{\"a\":1}"))),
                Arguments.of("unterminated event not dispatched", "data: x\n", List.of()),
                Arguments.of("field name is case-sensitive", "Data: x\n\n", List.of()),
                Arguments.of("retry is not an event", "retry: 1000\n\n", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parsesTheSpecificationCases(String name, String input, List<SseEvent> expected) {
        assertThat(new SseParser().feed(input)).isEqualTo(expected);
    }

    @Test
    void crlfSplitAcrossChunksIsOneLineEnd() {
        SseParser parser = new SseParser();
        assertThat(parser.feed("data: a\r")).isEmpty();
        assertThat(parser.feed("\ndata: b\r")).isEmpty();
        assertThat(parser.feed("\n\r")).containsExactly(msg("a\nb"));
        assertThat(parser.feed("\n")).isEmpty();
    }

    @Test
    void retryAcceptsOnlyDigits() {
        SseParser parser = new SseParser();
        parser.feed("retry: 1500\n\n");
        assertThat(parser.retryMillis()).hasValue(1500);
        parser.feed("retry: 12a\nretry: -1\nretry:\n\n");
        assertThat(parser.retryMillis()).hasValue(1500);
    }

    @Test
    void lastEventIdIsUpdatedEvenWithoutData() {
        SseParser parser = new SseParser();
        parser.feed("id: 42\n\n");
        assertThat(parser.lastEventId()).isEqualTo("42");
        parser.feed("id\n\n");
        assertThat(parser.lastEventId()).isEmpty();
    }

    @Test
    void parsesAMarathonStream() {
        String stream = "event: event_stream_attached\r\n"
                + "data: {\"remoteAddress\":\"127.0.0.1\",\"eventType\":\"event_stream_attached\"}\r\n\r\n"
                + ": keep-alive\r\n"
                + "event: status_update_event\r\n"
                + "data: {\"eventType\":\"status_update_event\",\"appId\":\"/web\"}\r\n\r\n";
        assertThat(new SseParser().feed(stream)).extracting(SseEvent::type)
                .containsExactly("event_stream_attached", "status_update_event");
    }

    @Test
    void anEndlessLineOverflowsTheBoundAndStopsTheParser() {
        SseParser parser = new SseParser(64);
        assertThat(parser.feed("data: ok\n\n")).extracting(SseEvent::data).containsExactly("ok");
        assertThat(parser.feed("data: " + "x".repeat(100))).isEmpty();
        assertThat(parser.overflowed()).isTrue();
        assertThat(parser.feed("\n\ndata: later\n\n")).isEmpty();
    }

    @Test
    void manyDataLinesOverflowTheBoundOfOneEvent() {
        SseParser parser = new SseParser(64);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            lines.append("data: 0123456789\n");
        }
        assertThat(parser.feed(lines)).isEmpty();
        assertThat(parser.overflowed()).isTrue();
    }

    @Test
    void eventsWithinTheBoundAreUntouched() {
        SseParser parser = new SseParser(64);
        assertThat(parser.feed("data: " + "y".repeat(40) + "\n\n")).extracting(SseEvent::data)
                .containsExactly("y".repeat(40));
        assertThat(parser.overflowed()).isFalse();
    }
}
