package io.mlbj.core.proxy;

import io.netty.handler.codec.CharSequenceValueConverter;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Collections;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The header fields of a head {@link ScannedMessageDecoder} decoded, kept as offsets into the head's own bytes
 * instead of a hash map of a name and a value object per field: a field becomes an object only when someone
 * asks for it, lookups compare bytes, and the encoder copies the fields it did not change straight from the
 * head ({@link #writeTo}). Behaves as Netty's {@code DefaultHttpHeaders} without validation (which is what the
 * decoders used before; the scanner has checked every name and value): names match case-insensitively, order
 * is insertion order, {@code set} removes every field of the name and appends, {@code get} gives the first
 * value. Fields are few (a head is at most a few KiB), so lookups are linear scans. One message's headers,
 * used on its connection's loop.
 */
public final class ScannedHeaders extends HttpHeaders {
    /** The longest head whose offsets fit: a longer one is left to Netty's decoder. */
    static final int MAX_HEAD_BYTES = 0xFFFE;
    private static final int SPAN = 5;
    // Name start of a field added after decoding; its texts are in `texts`, at the index in the next two chars.
    private static final char ADDED = 0xFFFF;
    private static final DefaultHttpHeadersFactory COPIES = DefaultHttpHeadersFactory.headersFactory()
            .withValidation(false);

    private final byte[] head;
    // Per field: name start, name end, value start, value end in `head`, and the class of its name (see
    // nameBits). Chars, not ints: the head is at most MAX_HEAD_BYTES, and this array is per message.
    private char[] spans;
    // Name and value of each field added after decoding, in the order added (a removed one's stay unused).
    private CharSequence[] texts;
    private int textCount;
    private int size;
    // A bit per class of name (length, first and last byte, ASCII case folded) of every field added since the
    // last clear: a name whose bit is clear is absent, so the many lookups of absent names (hop-by-hop fields,
    // framing checks) cost one test instead of a scan. Removing a field leaves its bit set, which is safe.
    private long nameBits;

    /** Headers over {@code head} (at most MAX_HEAD_BYTES), room for {@code fields} fields before growing. */
    ScannedHeaders(byte[] head, int fields) {
        if (head.length > MAX_HEAD_BYTES) {
            throw new IllegalArgumentException("head of " + head.length + " bytes (at most " + MAX_HEAD_BYTES + ")");
        }
        this.head = head;
        // Room for the fields the proxy usually adds (X-Forwarded-*, a rewritten cookie) without growing.
        this.spans = new char[(fields + 3) * SPAN];
    }

    /** Appends the field whose name and (trimmed) value are at these offsets of the head. */
    void addScanned(int nameStart, int nameEnd, int valueStart, int valueEnd) {
        int s = grow() * SPAN;
        spans[s] = (char) nameStart;
        spans[s + 1] = (char) nameEnd;
        spans[s + 2] = (char) valueStart;
        spans[s + 3] = (char) valueEnd;
        int nameClass = nameEnd == nameStart ? 0 : nameClass(nameEnd - nameStart, head[nameStart] & 0xff, head[nameEnd - 1] & 0xff);
        spans[s + 4] = (char) nameClass;
        nameBits |= 1L << nameClass;
    }

    private void append(CharSequence name, CharSequence value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (texts == null) {
            texts = new CharSequence[4];
        } else if (textCount == texts.length) {
            texts = Arrays.copyOf(texts, textCount * 2);
        }
        int t = textCount;
        texts[t] = name;
        texts[t + 1] = value;
        textCount = t + 2;
        int s = grow() * SPAN;
        spans[s] = ADDED;
        spans[s + 1] = (char) (t >>> 16);
        spans[s + 2] = (char) t;
        int nameClass = nameClass(name);
        spans[s + 4] = (char) nameClass;
        nameBits |= 1L << nameClass;
    }

    private static int nameClass(CharSequence name) {
        int length = name.length();
        return length == 0 ? 0 : nameClass(length, name.charAt(0), name.charAt(length - 1));
    }

    // 0-63; names equal but for the case of ASCII letters fall in the same class (`| 0x20` folds the letters).
    private static int nameClass(int length, int first, int last) {
        return (length * 31 + (first | 0x20) * 7 + (last | 0x20)) & 63;
    }

    private int grow() {
        if ((size + 1) * SPAN > spans.length) {
            spans = Arrays.copyOf(spans, spans.length * 2);
        }
        return size++;
    }

    private boolean isAdded(int i) {
        return spans[i * SPAN] == ADDED;
    }

    // Index in `texts` of added field i's name (its value follows).
    private int text(int i) {
        int s = i * SPAN;
        return spans[s + 1] << 16 | spans[s + 2];
    }

    private CharSequence name(int i) {
        if (isAdded(i)) {
            return texts[text(i)];
        }
        int s = spans[i * SPAN];
        return new AsciiString(head, s, spans[i * SPAN + 1] - s, false);
    }

    private CharSequence value(int i) {
        if (isAdded(i)) {
            return texts[text(i) + 1];
        }
        int s = spans[i * SPAN + 2];
        int length = spans[i * SPAN + 3] - s;
        return length == 0 ? AsciiString.EMPTY_STRING : new AsciiString(head, s, length, false);
    }

    private String valueString(int i) {
        if (isAdded(i)) {
            return texts[text(i) + 1].toString();
        }
        int s = spans[i * SPAN + 2];
        return new String(head, s, spans[i * SPAN + 3] - s, StandardCharsets.ISO_8859_1);
    }

    // Netty's name comparison (AsciiString.contentEqualsIgnoreCase): ASCII letters fold, nothing else does.
    private boolean nameIs(int i, CharSequence wanted) {
        if (isAdded(i)) {
            return AsciiString.contentEqualsIgnoreCase(texts[text(i)], wanted);
        }
        int s = spans[i * SPAN];
        int length = spans[i * SPAN + 1] - s;
        if (wanted.length() != length) {
            return false;
        }
        if (wanted instanceof AsciiString a) {
            byte[] w = a.array();
            int o = a.arrayOffset();
            for (int k = 0; k < length; k++) {
                byte x = head[s + k];
                byte y = w[o + k];
                if (x != y && lower(x) != lower(y)) {
                    return false;
                }
            }
            return true;
        }
        for (int k = 0; k < length; k++) {
            char c = wanted.charAt(k);
            int x = head[s + k] & 0xff;
            if (x != c && (c > 0x7f || lower((byte) x) != lower((byte) c))) {
                return false;
            }
        }
        return true;
    }

    private static int lower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + 32 : b;
    }

    private int indexOf(CharSequence name, int from) {
        int nameClass = nameClass(name);
        if ((nameBits & 1L << nameClass) == 0) {
            return -1;
        }
        for (int i = from; i < size; i++) {
            if (spans[i * SPAN + 4] == nameClass && nameIs(i, name)) {
                return i;
            }
        }
        return -1;
    }

    private void removeAt(int i) {
        int tail = size - i - 1;
        System.arraycopy(spans, (i + 1) * SPAN, spans, i * SPAN, tail * SPAN);
        size--;
    }

    /** Writes every field as {@code name: value\r\n}, in order; fields read from the head are copied from it. */
    void writeTo(HeadBytes out) {
        for (int i = 0; i < size; i++) {
            if (isAdded(i)) {
                int t = text(i);
                out.writeField(texts[t], texts[t + 1]);
            } else {
                int s = i * SPAN;
                out.writeField(head, spans[s], spans[s + 1], spans[s + 2], spans[s + 3]);
            }
        }
    }

    @Override
    public String get(String name) {
        return get((CharSequence) name);
    }

    @Override
    public String get(CharSequence name) {
        int i = indexOf(name, 0);
        return i < 0 ? null : valueString(i);
    }

    private CharSequence first(CharSequence name) {
        int i = indexOf(name, 0);
        return i < 0 ? null : value(i);
    }

    @Override
    public Integer getInt(CharSequence name) {
        CharSequence v = first(name);
        try {
            return v == null ? null : CharSequenceValueConverter.INSTANCE.convertToInt(v);
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public int getInt(CharSequence name, int defaultValue) {
        Integer v = getInt(name);
        return v == null ? defaultValue : v;
    }

    @Override
    public Short getShort(CharSequence name) {
        CharSequence v = first(name);
        try {
            return v == null ? null : CharSequenceValueConverter.INSTANCE.convertToShort(v);
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public short getShort(CharSequence name, short defaultValue) {
        Short v = getShort(name);
        return v == null ? defaultValue : v;
    }

    @Override
    public Long getTimeMillis(CharSequence name) {
        CharSequence v = first(name);
        try {
            return v == null ? null : CharSequenceValueConverter.INSTANCE.convertToTimeMillis(v);
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public long getTimeMillis(CharSequence name, long defaultValue) {
        Long v = getTimeMillis(name);
        return v == null ? defaultValue : v;
    }

    @Override
    public List<String> getAll(String name) {
        return getAll((CharSequence) name);
    }

    @Override
    public List<String> getAll(CharSequence name) {
        List<String> values = null;
        for (int i = indexOf(name, 0); i >= 0; i = indexOf(name, i + 1)) {
            if (values == null) {
                values = new ArrayList<>(2);
            }
            values.add(valueString(i));
        }
        return values == null ? Collections.emptyList() : values;
    }

    @Override
    public List<Map.Entry<String, String>> entries() {
        if (size == 0) {
            return Collections.emptyList();
        }
        List<Map.Entry<String, String>> entries = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            entries.add(new AbstractMap.SimpleEntry<>(name(i).toString(), valueString(i)));
        }
        return entries;
    }

    @Override
    public boolean contains(String name) {
        return indexOf(name, 0) >= 0;
    }

    @Override
    public boolean contains(CharSequence name) {
        return indexOf(name, 0) >= 0;
    }

    @Override
    public boolean contains(String name, String value, boolean ignoreCase) {
        return contains((CharSequence) name, (CharSequence) value, ignoreCase);
    }

    @Override
    public boolean contains(CharSequence name, CharSequence value, boolean ignoreCase) {
        for (int i = indexOf(name, 0); i >= 0; i = indexOf(name, i + 1)) {
            CharSequence v = value(i);
            if (ignoreCase ? AsciiString.contentEqualsIgnoreCase(v, value) : AsciiString.contentEquals(v, value)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean containsValue(CharSequence name, CharSequence value, boolean ignoreCase) {
        // Asked of every message (Transfer-Encoding: chunked, Connection: close) whose head rarely has the name.
        return indexOf(name, 0) >= 0 && super.containsValue(name, value, ignoreCase);
    }

    @Override
    public Iterator<Map.Entry<String, String>> iterator() {
        return new Fields<>() {
            @Override
            Map.Entry<String, String> at(int i) {
                return new AbstractMap.SimpleEntry<>(name(i).toString(), valueString(i));
            }
        };
    }

    @Override
    public Iterator<Map.Entry<CharSequence, CharSequence>> iteratorCharSequence() {
        return new Fields<>() {
            @Override
            Map.Entry<CharSequence, CharSequence> at(int i) {
                return new AbstractMap.SimpleImmutableEntry<>(name(i), value(i));
            }
        };
    }

    @Override
    public Iterator<String> valueStringIterator(CharSequence name) {
        return new Values<>(name) {
            @Override
            String at(int i) {
                return valueString(i);
            }
        };
    }

    @Override
    public Iterator<? extends CharSequence> valueCharSequenceIterator(CharSequence name) {
        return new Values<CharSequence>(name) {
            @Override
            CharSequence at(int i) {
                return value(i);
            }
        };
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>(size * 2);
        for (int i = 0; i < size; i++) {
            names.add(name(i).toString());
        }
        return names;
    }

    @Override
    public HttpHeaders add(String name, Object value) {
        return add((CharSequence) name, value);
    }

    @Override
    public HttpHeaders add(CharSequence name, Object value) {
        append(name, text(value));
        return this;
    }

    @Override
    public HttpHeaders add(String name, Iterable<?> values) {
        return add((CharSequence) name, values);
    }

    @Override
    public HttpHeaders add(CharSequence name, Iterable<?> values) {
        for (Object v : values) {
            append(name, text(v));
        }
        return this;
    }

    @Override
    public HttpHeaders addInt(CharSequence name, int value) {
        append(name, String.valueOf(value));
        return this;
    }

    @Override
    public HttpHeaders addShort(CharSequence name, short value) {
        append(name, String.valueOf(value));
        return this;
    }

    @Override
    public HttpHeaders set(String name, Object value) {
        return set((CharSequence) name, value);
    }

    @Override
    public HttpHeaders set(CharSequence name, Object value) {
        CharSequence text = text(value);
        remove(name);
        append(name, text);
        return this;
    }

    @Override
    public HttpHeaders set(String name, Iterable<?> values) {
        return set((CharSequence) name, values);
    }

    @Override
    public HttpHeaders set(CharSequence name, Iterable<?> values) {
        Objects.requireNonNull(values, "values");
        remove(name);
        for (Object v : values) {
            if (v == null) {
                break; // as DefaultHeaders.setObject
            }
            append(name, text(v));
        }
        return this;
    }

    @Override
    public HttpHeaders setInt(CharSequence name, int value) {
        return set(name, String.valueOf(value));
    }

    @Override
    public HttpHeaders setShort(CharSequence name, short value) {
        return set(name, String.valueOf(value));
    }

    @Override
    public HttpHeaders remove(String name) {
        return remove((CharSequence) name);
    }

    @Override
    public HttpHeaders remove(CharSequence name) {
        Objects.requireNonNull(name, "name");
        for (int i = indexOf(name, 0); i >= 0; i = indexOf(name, i)) {
            removeAt(i);
        }
        return this;
    }

    @Override
    public HttpHeaders clear() {
        size = 0;
        texts = null;
        textCount = 0;
        nameBits = 0;
        return this;
    }

    @Override
    public HttpHeaders copy() {
        return COPIES.newHeaders().set(this);
    }

    // DefaultHttpHeaders' conversion of a value object to text.
    private static CharSequence text(Object value) {
        Objects.requireNonNull(value, "value");
        if (value instanceof CharSequence s) {
            return s;
        }
        if (value instanceof Date d) {
            return DateFormatter.format(d);
        }
        if (value instanceof Calendar c) {
            return DateFormatter.format(c.getTime());
        }
        return value.toString();
    }

    // Iterates the fields in order; read-only, as Netty's iterators of all fields are.
    private abstract class Fields<T> implements Iterator<T> {
        int next;

        abstract T at(int i);

        @Override
        public boolean hasNext() {
            return next < size;
        }

        @Override
        public T next() {
            if (next >= size) {
                throw new NoSuchElementException();
            }
            return at(next++);
        }

        @Override
        public void remove() {
            throw new UnsupportedOperationException("read only");
        }
    }

    // Iterates the values of one name in order; read-only (Netty's removes a different field than the one
    // it returned last when the name repeats, nothing here relies on removing through it).
    private abstract class Values<T> implements Iterator<T> {
        final CharSequence name;
        int next;

        Values(CharSequence name) {
            this.name = Objects.requireNonNull(name, "name");
            this.next = indexOf(name, 0);
        }

        abstract T at(int i);

        @Override
        public boolean hasNext() {
            return next >= 0;
        }

        @Override
        public T next() {
            if (next < 0) {
                throw new NoSuchElementException();
            }
            int i = next;
            next = indexOf(name, i + 1);
            return at(i);
        }

        @Override
        public void remove() {
            throw new UnsupportedOperationException("read only");
        }
    }
}
