package io.mlbj.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The framing rules on parsed heads, row by row (the raw-socket table checks them end to end). */
class MessageFramingTest {
    @ParameterizedTest(name = "{0} {1} CL={5} TE={6} Host={7} -> {8}")
    @CsvSource(nullValues = "-", delimiter = '|', value = {
        "GET     | /                | false | 0 | 0 | -     | -              | x         | -",
        "GET     | http://x/a       | false | 0 | 0 | -     | -              | x         | -",
        "GET     | http://x/a       | false | 0 | 0 | -     | -              | -         | -",
        "GET     | HTTPS://X:8443/  | false | 0 | 0 | -     | -              | x:8443    | -",
        "OPTIONS | *                | false | 0 | 0 | -     | -              | x         | -",
        "CONNECT | x:443            | false | 0 | 0 | -     | -              | x:443     | -",
        "POST    | /                | false | 1 | 0 | 5     | -              | x         | -",
        "POST    | /                | false | 0 | 1 | -     | chunked        | x         | -",
        "POST    | /                | false | 0 | 1 | -     | ' Chunked '    | x         | -",
        "POST    | /                | false | 2 | 0 | 5     | -              | x         | repeated Content-Length",
        "POST    | /                | false | 0 | 2 | -     | chunked        | x         | repeated Transfer-Encoding",
        "POST    | /                | false | 1 | 1 | 5     | chunked        | x         | both Transfer-Encoding and Content-Length",
        "POST    | /                | true  | 0 | 1 | -     | chunked        | x         | Transfer-Encoding on HTTP/1.0",
        "POST    | /                | false | 0 | 1 | -     | 'gzip, chunked'| x         | Transfer-Encoding other than chunked: gzip, chunked",
        "POST    | /                | false | 1 | 0 | +5    | -              | x         | invalid Content-Length: +5",
        "POST    | /                | false | 1 | 0 | 1234567890123456789 | - | x        | invalid Content-Length: 1234567890123456789",
        "GET     | /                | false | 0 | 0 | -     | -              | a@b       | invalid Host: a@b",
        "GET     | /                | false | 0 | 0 | -     | -              | ' x:80 '  | -",
        "GET     | /                | false | 0 | 0 | -     | -              | ''        | -",
        "GET     | /                | false | 0 | 0 | -     | -              | '  '      | -",
        "GET     | /                | false | 0 | 0 | -     | -              | 'a b'     | invalid Host: a b",
        "GET     | /                | false | 0 | 0 | -     | -              | a\u007fb  | invalid Host: a\u007fb",
        "GET     | /                | false | 0 | 0 | -     | -              | h\u00e9   | invalid Host: h\u00e9",
        "GET     | /                | false | 0 | 0 | -     | -              | a{b       | invalid Host: a{b",
        "GET     | /                | false | 0 | 0 | -     | -              | a`b       | invalid Host: a`b",
        "GET     | *                | false | 0 | 0 | -     | -              | x         | asterisk-form target with method GET",
        "CONNECT | /x               | false | 0 | 0 | -     | -              | x         | -",
        "CONNECT | x                | false | 0 | 0 | -     | -              | x         | CONNECT target not host:port",
        "GET     | ftp://x/         | false | 0 | 0 | -     | -              | x         | absolute-form target with scheme ftp",
        "GET     | http://u@x/      | false | 0 | 0 | -     | -              | x         | absolute-form target with an invalid authority",
        "GET     | http://y/        | false | 0 | 0 | -     | -              | x         | absolute-form authority differs from Host",
        "GET     | x                | false | 0 | 0 | -     | -              | x         | request target in no known form",
    })
    void requestRules(String method, String target, boolean http10, int clFields, int teFields, String cl, String te,
            String host, String expected) {
        int hostFields = host == null ? 0 : 1;
        assertThat(MessageFraming.requestViolation(method, target, http10, clFields, teFields, hostFields, cl, te, host))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "CL={0} TE={1} viewed in the head -> {2}")
    @CsvSource(nullValues = "-", delimiter = '|', value = {
        "5   | -          | -",
        "-   | ' Chunked '| -",
        "+5  | -          | invalid Content-Length: +5",
        "-   | gzip       | Transfer-Encoding other than chunked: gzip",
    })
    void requestValuesViewedInTheDecodedHeadGiveTheSameVerdict(String cl, String te, String expected) {
        HttpHeaders head = decodedHead(cl, te);
        assertThat(MessageFraming.requestViolation("POST", "/", false, cl == null ? 0 : 1, te == null ? 0 : 1, 1,
                MessageFraming.countedText(head, HttpHeaderNames.CONTENT_LENGTH, cl == null ? 0 : 1),
                MessageFraming.countedText(head, HttpHeaderNames.TRANSFER_ENCODING, te == null ? 0 : 1), "x"))
                .isEqualTo(expected);
        if (cl != null) {
            assertThat(MessageFraming.countedText(head, HttpHeaderNames.CONTENT_LENGTH, 1)).isNotInstanceOf(String.class);
        }
    }

    @Test
    void contentLengthViewedInsideALongerArrayIsCheckedOnItsOwnChars() {
        // A decoded head's value is a view at an offset of the head's bytes, not an array of its own.
        assertThat(lengthViolations("x:  42\t\r\n", " 42\t")).containsOnlyNulls();
        assertThat(lengthViolations("x: 4x\r\n", "4x")).containsOnly("invalid Content-Length: 4x");
        assertThat(lengthViolations("x:  \r\n", " ")).containsOnly("invalid Content-Length:  ");
    }

    // The response and the request verdicts on a Content-Length that is `value` where it first occurs in `around`.
    private static List<String> lengthViolations(String around, String value) {
        AsciiString view = new AsciiString(around.getBytes(StandardCharsets.ISO_8859_1), around.indexOf(value, 2),
                value.length(), false);
        assertThat(view.arrayOffset()).isPositive();
        return Arrays.asList(MessageFraming.responseViolation(1, 0, view, null),
                MessageFraming.requestViolation("POST", "/", false, 1, 0, 1, view, null, "x"));
    }

    // Headers as ScannedMessageDecoder leaves them: fields kept as offsets into the head's bytes.
    private static HttpHeaders decodedHead(String cl, String te) {
        StringBuilder text = new StringBuilder("POST / HTTP/1.1\r\n");
        List<int[]> spans = new ArrayList<>();
        for (String[] field : new String[][] {{"Host", "x"}, {"Content-Length", cl}, {"Transfer-Encoding", te}}) {
            if (field[1] != null) {
                int nameStart = text.length();
                text.append(field[0]).append(": ");
                String value = field[1].strip();
                int valueStart = text.length();
                text.append(value).append("\r\n");
                spans.add(new int[] {nameStart, nameStart + field[0].length(), valueStart, valueStart + value.length()});
            }
        }
        ScannedHeaders h = new ScannedHeaders(text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1), spans.size());
        spans.forEach(f -> h.addScanned(f[0], f[1], f[2], f[3]));
        return h;
    }

    @ParameterizedTest(name = "CL={1} TE={3} -> {4}")
    @CsvSource(nullValues = "-", delimiter = '|', value = {
        "1 | 2     | 0 | -                | -",
        "0 | -     | 1 | chunked          | -",
        "0 | -     | 1 | 'gzip, chunked'  | -",
        "0 | -     | 0 | -                | -",
        "2 | 2     | 0 | -                | repeated Content-Length",
        "1 | 2     | 1 | chunked          | both Transfer-Encoding and Content-Length",
        "0 | -     | 1 | 'chunked, gzip'  | Transfer-Encoding not ending in chunked: chunked, gzip",
        "0 | -     | 1 | 'chunked, chunked' | Transfer-Encoding not ending in chunked: chunked, chunked",
        "0 | -     | 1 | gzip             | Transfer-Encoding not ending in chunked: gzip",
        "1 | 0x2   | 0 | -                | invalid Content-Length: 0x2",
        "1 | ' 42 '| 0 | -                | -",
        "1 | '   ' | 0 | -                | 'invalid Content-Length:    '",
        "1 | ''    | 0 | -                | 'invalid Content-Length: '",
        "1 | '4 2' | 0 | -                | invalid Content-Length: 4 2",
    })
    void responseRules(int clFields, String cl, int teFields, String te, String expected) {
        assertThat(MessageFraming.responseViolation(clFields, teFields, cl, te)).isEqualTo(expected);
    }
}
