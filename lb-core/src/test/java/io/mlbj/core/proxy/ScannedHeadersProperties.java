package io.mlbj.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link ScannedHeaders} against the map it replaces, Netty's {@code DefaultHttpHeaders} without validation
 * (what the decoders built before): from the same head fields, after any sequence of additions, sets,
 * removals and clears, every lookup gives the same answer, iteration gives the same fields in the same
 * order, and the encoder writes the same bytes.
 */
class ScannedHeadersProperties {
    private static final List<String> NAMES = List.of("Host", "host", "HOST", "Connection", "Cookie", "cookie",
            "X-Forwarded-For", "Content-Length", "Transfer-Encoding", "Keep-Alive", "Set-Cookie", "X-A", "x-a");
    private static final List<String> VALUES = List.of("", "a", "keep-alive", "close", "Keep-Alive, Upgrade",
            "chunked", " chunked , gzip", "42", "-7", "x", "JSESSIONID=abc", "Thu, 01 Jan 2015 00:00:00 GMT");

    record Field(String name, String before, String value, String after) {}

    record Op(int kind, String name, String value, int index) {}

    @Property(tries = 600)
    void behavesAsNettysHeaders(@ForAll("fields") List<Field> fields, @ForAll("ops") List<Op> ops) {
        HttpHeaders reference = DefaultHttpHeadersFactory.headersFactory().withValidation(false).newHeaders();
        ScannedHeaders scanned = scannedFrom(fields, reference);
        assertSameView(scanned, reference);
        for (Op op : ops) {
            assertThat(outcome(() -> apply(op, scanned))).as(op.toString())
                    .isEqualTo(outcome(() -> apply(op, reference)));
            assertSameView(scanned, reference);
        }
    }

    @Example
    void copiesUnchangedFieldsFromTheHeadAndKeepsInsertionOrder() {
        HttpHeaders reference = DefaultHttpHeadersFactory.headersFactory().withValidation(false).newHeaders();
        ScannedHeaders h = scannedFrom(List.of(new Field("Host", " ", "a", "  "), new Field("Cookie", "", "c=1", ""),
                new Field("X-A", "\t", "", "")), reference);
        h.set("cookie", "c=2").add(AsciiString.cached("x-b"), 7);
        assertThat(encoded(h)).isEqualTo("Host: a\r\nX-A: \r\ncookie: c=2\r\nx-b: 7\r\n");
        assertThat(h.get("COOKIE")).isEqualTo("c=2");
        assertThat(h.getInt("x-B")).isEqualTo(7);
        assertThat(h.get("x-a")).isEmpty();
        Iterator<String> values = h.valueStringIterator("cookie");
        values.next();
        assertThatThrownBy(values::remove).isInstanceOf(UnsupportedOperationException.class);
        assertThat(h.size()).isEqualTo(4);
        // Offsets are kept in 16 bits: a longer head is refused here and left to Netty's decoder by the caller.
        assertThatThrownBy(() -> new ScannedHeaders(new byte[ScannedHeaders.MAX_HEAD_BYTES + 1], 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static ScannedHeaders scannedFrom(List<Field> fields, HttpHeaders reference) {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.writeBytes("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
        int[][] spans = new int[fields.size()][];
        for (int k = 0; k < fields.size(); k++) {
            Field f = fields.get(k);
            int nameStart = head.size();
            head.writeBytes(f.name().getBytes(StandardCharsets.ISO_8859_1));
            int nameEnd = head.size();
            head.writeBytes((":" + f.before()).getBytes(StandardCharsets.ISO_8859_1));
            int valueStart = head.size();
            head.writeBytes(f.value().getBytes(StandardCharsets.ISO_8859_1));
            int valueEnd = head.size();
            head.writeBytes((f.after() + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            spans[k] = new int[] {nameStart, nameEnd, valueStart, valueEnd};
            reference.add(new AsciiString(f.name()), f.value().isEmpty() ? AsciiString.EMPTY_STRING : new AsciiString(f.value()));
        }
        head.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        ScannedHeaders scanned = new ScannedHeaders(head.toByteArray(), fields.size());
        for (int[] s : spans) {
            scanned.addScanned(s[0], s[1], s[2], s[3]);
        }
        return scanned;
    }

    private static String apply(Op op, HttpHeaders h) {
        switch (op.kind()) {
            case 0 -> h.add(op.name(), op.value());
            case 1 -> h.add(new AsciiString(op.name()), new AsciiString(op.value()));
            case 2 -> h.set(op.name(), op.value());
            case 3 -> h.set(new AsciiString(op.name()), List.of(op.value(), "second"));
            case 4 -> h.remove(op.name());
            case 5 -> h.remove(new AsciiString(op.name()));
            case 6 -> h.addInt(op.name(), op.index());
            case 7 -> h.setInt(op.name(), op.index());
            case 8 -> removeThroughIterator(h.iteratorCharSequence(), op.index());
            case 9 -> h.set(op.name(), (Object) Integer.valueOf(op.index()));
            case 10 -> h.clear();
            default -> throw new IllegalArgumentException("op " + op);
        }
        return "applied";
    }

    private static void removeThroughIterator(Iterator<?> it, int index) {
        for (int i = 0; it.hasNext(); i++) {
            it.next();
            if (i == index % 3) {
                it.remove();
                return;
            }
        }
    }

    private static void assertSameView(ScannedHeaders scanned, HttpHeaders reference) {
        assertThat(fieldsOf(scanned)).isEqualTo(fieldsOf(reference));
        assertThat(scanned.size()).isEqualTo(reference.size());
        assertThat(scanned.isEmpty()).isEqualTo(reference.isEmpty());
        // Netty's names() keeps a String and an AsciiString of the same name apart; as Strings they are one.
        assertThat(scanned.names()).containsExactlyElementsOf(new LinkedHashSet<>(reference.names()));
        assertThat(scanned.entries()).containsExactlyElementsOf(reference.entries());
        assertThat(encoded(scanned)).isEqualTo(encoded(reference));
        for (String name : NAMES) {
            CharSequence ascii = AsciiString.cached(name);
            assertThat(scanned.get(name)).as(name).isEqualTo(reference.get(name));
            assertThat(scanned.get(ascii)).as(name).isEqualTo(reference.get(ascii));
            assertThat(scanned.getAll(ascii)).as(name).isEqualTo(reference.getAll(ascii));
            assertThat(scanned.contains(name)).as(name).isEqualTo(reference.contains(name));
            assertThat(scanned.contains(ascii)).as(name).isEqualTo(reference.contains(ascii));
            assertThat(scanned.getInt(name)).as(name).isEqualTo(reference.getInt(name));
            assertThat(scanned.getShort(name)).as(name).isEqualTo(reference.getShort(name));
            // Netty's converter throws a checked ParseException for a value that is not a date: compared too.
            assertThat(outcome(() -> scanned.getTimeMillis(name))).as(name)
                    .isEqualTo(outcome(() -> reference.getTimeMillis(name)));
            List<String> values = new ArrayList<>();
            scanned.valueCharSequenceIterator(ascii).forEachRemaining(v -> values.add(v.toString()));
            assertThat(values).as(name).isEqualTo(reference.getAll(name));
            for (String value : List.of("chunked", "CLOSE", "keep-alive", "a", "")) {
                for (boolean ignoreCase : new boolean[] {false, true}) {
                    assertThat(scanned.containsValue(ascii, value, ignoreCase)).as(name + " " + value)
                            .isEqualTo(reference.containsValue(ascii, value, ignoreCase));
                    assertThat(scanned.contains(name, value, ignoreCase)).as(name + " " + value)
                            .isEqualTo(reference.contains(name, value, ignoreCase));
                }
            }
        }
        assertThat(fieldsOf(scanned.copy())).isEqualTo(fieldsOf(reference));
    }

    private static Object outcome(Supplier<?> call) {
        try {
            return call.get();
        } catch (Exception e) {
            return e.getClass();
        }
    }

    private static List<String> fieldsOf(HttpHeaders h) {
        List<String> fields = new ArrayList<>();
        for (Map.Entry<String, String> e : h) {
            fields.add(e.getKey() + "=" + e.getValue());
        }
        List<String> sequences = new ArrayList<>();
        h.iteratorCharSequence().forEachRemaining(e -> sequences.add(e.getKey() + "=" + e.getValue()));
        assertThat(sequences).isEqualTo(fields);
        return fields;
    }

    private static String encoded(HttpHeaders h) {
        HeadBytes bytes = HeadBytes.acquire();
        try {
            bytes.writeFields(h);
            ByteBuf buf = bytes.copyTo(Unpooled.buffer());
            try {
                return buf.toString(StandardCharsets.ISO_8859_1);
            } finally {
                buf.release();
            }
        } finally {
            bytes.release();
        }
    }

    @Provide
    Arbitrary<List<Field>> fields() {
        Arbitrary<String> ows = Arbitraries.of("", " ", "  ", "\t", " \t");
        return Combinators.combine(Arbitraries.of(NAMES), ows, Arbitraries.of(VALUES).filter(v -> v.equals(v.strip())), ows)
                .as(Field::new).list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        return Combinators.combine(Arbitraries.integers().between(0, 10),
                Arbitraries.of(NAMES), Arbitraries.of(VALUES), Arbitraries.integers().between(0, 20))
                .as(Op::new).list().ofMaxSize(10);
    }
}
