package io.mlbj.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * The bulk scan ({@link HttpHeadScanner#feed}, and {@link HeadScannerFeed} over heap and direct buffers)
 * against the reference: {@link HttpHeadScanner#next(byte)} called for each byte in turn. Same verdict,
 * error, bytes consumed, field count and framing-field counts, for any input split anywhere, under any limit;
 * for a complete head, the same field bounds, and they are where the fields' colons and line ends are.
 */
class HttpHeadScannerFeedProperties {

    @Property(tries = 1000)
    void bulkScanEqualsByteByByteScan(@ForAll("inputs") String input, @ForAll("rarely") boolean otherKind,
            @ForAll @IntRange(min = 16, max = 1500) int maxBytes, @ForAll @IntRange(min = 1, max = 30) int maxFields,
            @ForAll @IntRange(min = 1, max = 64) int step) {
        // Mostly the kind the start line is written for, sometimes the other one.
        HttpHeadScanner.Kind kind = input.startsWith("HTTP/") != otherKind ? HttpHeadScanner.Kind.RESPONSE
                : HttpHeadScanner.Kind.REQUEST;
        byte[] bytes = input.getBytes(StandardCharsets.ISO_8859_1);
        HttpHeadScanner reference = new HttpHeadScanner(kind, maxBytes, maxFields);
        for (int i = 0; i < bytes.length && reference.next(bytes[i]); i++) {
            // next() does the work
        }
        HttpHeadScanner bulk = new HttpHeadScanner(kind, maxBytes, maxFields);
        for (int from = 0; from < bytes.length; from += step) {
            bulk.feed(bytes, from, Math.min(bytes.length, from + step));
        }
        assertSame(bulk, reference);
        if (reference.verdict() == HttpHeadScanner.Verdict.COMPLETE) {
            assertFieldBoundsOf(bytes, reference);
        }
        for (boolean direct : new boolean[] {false, true}) {
            HttpHeadScanner fed = new HttpHeadScanner(kind, maxBytes, maxFields);
            ByteBuf buf = direct ? Unpooled.directBuffer(bytes.length + 3) : Unpooled.buffer(bytes.length + 3);
            try {
                // A non-zero reader index and array offset, as in a real read buffer.
                buf.writeBytes(new byte[] {'x', 'y', 'z'}).writeBytes(bytes).skipBytes(3);
                ByteBuf view = buf.slice();
                for (int from = 0; from < bytes.length && fed.verdict() == HttpHeadScanner.Verdict.NEED_MORE; from += step) {
                    HeadScannerFeed.feed(fed, view, fed.bytesScanned(), Math.min(bytes.length, from + step));
                }
            } finally {
                buf.release();
            }
            assertSame(fed, reference);
        }
        Statistics.label("verdict").collect(reference.verdict());
    }

    @Example
    void aLongHeadFromADirectBufferIsScannedAcrossChunks() {
        StringBuilder sb = new StringBuilder("GET / HTTP/1.1\r\nHost: a\r\n");
        for (int i = 0; i < 90; i++) {
            sb.append("X-Field-").append(i).append(": ").append("v".repeat(100)).append("\r\n");
        }
        byte[] bytes = sb.append("Content-Length: 0\r\n\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        ByteBuf buf = Unpooled.directBuffer().writeBytes(bytes);
        HttpHeadScanner s = new HttpHeadScanner(HttpHeadScanner.Kind.REQUEST, 15_360, 100);
        try {
            assertThat(HeadScannerFeed.feed(s, buf, 0, buf.writerIndex())).isEqualTo(HttpHeadScanner.Verdict.COMPLETE);
        } finally {
            buf.release();
        }
        assertThat(s.bytesScanned()).isEqualTo(bytes.length);
        assertThat(s.fieldCount()).isEqualTo(92);
        assertThat(s.hostFields()).isEqualTo(1);
        assertThat(s.contentLengthFields()).isEqualTo(1);
    }

    @Example
    void valueAndTargetRunsStopWhereTheTableDoes() {
        // Every byte value at every position of a run longer than two words, and at every start offset.
        for (int b = 0; b < 256; b++) {
            for (int at = 0; at < 24; at++) {
                byte[] run = "abcdefghijklmnopqrstuvwx".getBytes(StandardCharsets.US_ASCII);
                run[at] = (byte) b;
                for (int from = 0; from <= at; from++) {
                    assertThat(HeadByteClasses.valueRun(run, from, run.length)).as("value byte %d at %d from %d", b, at, from)
                            .isEqualTo(HeadByteClasses.fieldValueByte(b) ? run.length : at);
                    boolean vchar = b > 0x20 && b < 0x7f;
                    assertThat(HeadByteClasses.targetRun(run, from, run.length)).as("target byte %d at %d from %d", b, at, from)
                            .isEqualTo(vchar ? run.length : at);
                    assertThat(HeadByteClasses.valueRun(run, from, at)).isEqualTo(at);
                }
            }
        }
    }

    @Example
    void tcharTableIsRfc9110() {
        String tchar = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        for (int b = 0; b < 256; b++) {
            assertThat(HeadByteClasses.isTchar(b)).as("byte %d", b).isEqualTo(tchar.indexOf(b) >= 0);
        }
    }

    private static void assertSame(HttpHeadScanner actual, HttpHeadScanner reference) {
        assertThat(actual.verdict()).isEqualTo(reference.verdict());
        assertThat(actual.error()).isEqualTo(reference.error());
        assertThat(actual.bytesScanned()).isEqualTo(reference.bytesScanned());
        assertThat(actual.fieldCount()).isEqualTo(reference.fieldCount());
        assertThat(actual.contentLengthFields()).isEqualTo(reference.contentLengthFields());
        assertThat(actual.transferEncodingFields()).isEqualTo(reference.transferEncodingFields());
        assertThat(actual.hostFields()).isEqualTo(reference.hostFields());
        if (reference.verdict() == HttpHeadScanner.Verdict.COMPLETE) {
            for (int k = 0; k < reference.fieldCount(); k++) {
                assertThat(actual.fieldColon(k)).as("colon of field %d", k).isEqualTo(reference.fieldColon(k));
                assertThat(actual.fieldLineEnd(k)).as("line end of field %d", k).isEqualTo(reference.fieldLineEnd(k));
            }
        }
    }

    // Field k starts after the start line or the line end of field k-1; its colon is the first one on its line.
    private static void assertFieldBoundsOf(byte[] head, HttpHeadScanner s) {
        String text = new String(head, StandardCharsets.ISO_8859_1);
        int lineStart = text.indexOf("\r\n", firstNonCrlf(text)) + 2; // past the start line
        for (int k = 0; k < s.fieldCount(); k++) {
            int lineEnd = text.indexOf("\r\n", lineStart);
            assertThat(s.fieldColon(k)).as("colon of field %d", k).isEqualTo(text.indexOf(':', lineStart));
            assertThat(s.fieldLineEnd(k)).as("line end of field %d", k).isEqualTo(lineEnd);
            lineStart = lineEnd + 2;
        }
        assertThat(text.startsWith("\r\n", lineStart)).as("the empty line after the last field").isTrue();
    }

    private static int firstNonCrlf(String text) {
        int i = 0;
        while (text.startsWith("\r\n", i)) {
            i += 2;
        }
        return i;
    }

    @Provide
    Arbitrary<Boolean> rarely() {
        return Arbitraries.frequency(net.jqwik.api.Tuple.of(9, false), net.jqwik.api.Tuple.of(1, true));
    }

    @Provide
    Arbitrary<String> inputs() {
        Arbitrary<String> name = Arbitraries.oneOf(Arbitraries.of("Host", "host", "HOST", "Content-Length", "content-length",
                        "Transfer-Encoding", "transfer-encodinG", "Content-Lengths", "Hos", "X-A"),
                Arbitraries.strings().withChars("abcHhoOsStT-_!~019").ofMinLength(1).ofMaxLength(20));
        Arbitrary<String> value = Arbitraries.strings().withChars("ab 09/;=,\"\t\u00e9").ofMaxLength(60);
        Arbitrary<String> field = Combinators.combine(name, value).as((n, v) -> n + ": " + v + "\r\n");
        Arbitrary<String> start = Arbitraries.of("GET / HTTP/1.1", "POST /a?b=c HTTP/1.0", "GET /x HTTP/2.0", "HTTP/1.1 200 OK",
                "HTTP/1.0 404 Not Found", "HTTP/1.1 204", "GET /a/long/path/to/a/resource?with=a&query=string HTTP/1.1",
                "HTTP/1.1 503 Service Unavailable, a longer reason phrase", "HTTP/1.1 20 x", "\r\nGET / HTTP/1.1", "GET  / HTTP/1.1", "GET /");
        Arbitrary<List<String>> fields = field.list().ofMaxSize(25);
        Arbitrary<String> head = Combinators.combine(start, fields).as((s, f) -> s + "\r\n" + String.join("", f) + "\r\n");
        Arbitrary<String> mutated = Combinators.combine(head, Arbitraries.integers().between(0, 2000),
                Arbitraries.of("\r", "\n", " ", "\t", ":", "\u0000", "\u007f", "\u00ff", "\r\n", "\r\n\r\n"))
                .as((h, at, insert) -> {
                    int i = at % (h.length() + 1);
                    return h.substring(0, i) + insert + h.substring(i);
                });
        Arbitrary<String> noise = Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(300);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, head), net.jqwik.api.Tuple.of(4, mutated),
                net.jqwik.api.Tuple.of(1, noise));
    }
}
