package io.mlbj.core.proxy;

import io.netty.handler.codec.CharSequenceValueConverter;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.AbstractMap;
import java.util.ArrayList;
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
import java.util.function.Function;

/**
 * Netty's {@link HttpHeaders} API over an ordered list of fields reached by index, with the semantics of its
 * {@code DefaultHttpHeaders} without validation: names match case-insensitively (ASCII), order is insertion
 * order, {@code set} removes every field of the name and appends, {@code get} gives the first value, values
 * of other types are converted as there (dates in HTTP format), iterators are read-only. A subclass keeps the
 * fields ({@link ScannedHeaders}).
 */
abstract class FieldListHeaders extends HttpHeaders {
    private static final DefaultHttpHeadersFactory COPIES = DefaultHttpHeadersFactory.headersFactory()
            .withValidation(false);

    /** Index of the first field at or after {@code from} named {@code name}, or -1. */
    abstract int indexOf(CharSequence name, int from);

    /** Name of field {@code i}. */
    abstract CharSequence name(int i);

    /** Value of field {@code i}. */
    abstract CharSequence value(int i);

    /** Value of field {@code i} as a {@code String}. */
    String valueString(int i) {
        return value(i).toString();
    }

    /** Appends a field (neither is null). */
    abstract void append(CharSequence name, CharSequence value);

    /** Removes field {@code i}; later fields move down by one. */
    abstract void removeAt(int i);

    /** Removes every field. */
    abstract void clearFields();

    /** The first value of {@code name} as it is kept (no copy), or null. */
    CharSequence first(CharSequence name) {
        int i = indexOf(name, 0);
        return i < 0 ? null : value(i);
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

    // The first value of the name converted as DefaultHeaders converts it: null when absent or not convertible
    // (a non-date gives the converter's ParseException, as it does there).
    private <T> T firstAs(CharSequence name, Function<CharSequence, T> converter) {
        int i = indexOf(name, 0);
        try {
            return i < 0 ? null : converter.apply(value(i));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static <T> T orElse(T value, T defaultValue) {
        return value == null ? defaultValue : value;
    }

    @Override
    public Integer getInt(CharSequence name) {
        return firstAs(name, CharSequenceValueConverter.INSTANCE::convertToInt);
    }

    @Override
    public int getInt(CharSequence name, int defaultValue) {
        return orElse(getInt(name), defaultValue);
    }

    @Override
    public Short getShort(CharSequence name) {
        return firstAs(name, CharSequenceValueConverter.INSTANCE::convertToShort);
    }

    @Override
    public short getShort(CharSequence name, short defaultValue) {
        return orElse(getShort(name), defaultValue);
    }

    @Override
    public Long getTimeMillis(CharSequence name) {
        return firstAs(name, CharSequenceValueConverter.INSTANCE::convertToTimeMillis);
    }

    @Override
    public long getTimeMillis(CharSequence name, long defaultValue) {
        return orElse(getTimeMillis(name), defaultValue);
    }

    @Override
    public List<String> getAll(String name) {
        return getAll((CharSequence) name);
    }

    @Override
    public List<String> getAll(CharSequence name) {
        int first = indexOf(name, 0);
        if (first < 0) {
            return Collections.emptyList();
        }
        int next = indexOf(name, first + 1);
        if (next < 0) {
            // The usual single field (a Cookie the sticky codec reads per request): the smallest list there is.
            return Collections.singletonList(valueString(first));
        }
        List<String> values = new ArrayList<>(4);
        values.add(valueString(first));
        for (int i = next; i >= 0; i = indexOf(name, i + 1)) {
            values.add(valueString(i));
        }
        return values;
    }

    @Override
    public List<Map.Entry<String, String>> entries() {
        if (size() == 0) {
            return Collections.emptyList();
        }
        List<Map.Entry<String, String>> entries = new ArrayList<>(size());
        for (int i = 0, n = size(); i < n; i++) {
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
        return size() == 0;
    }

    @Override
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>(size() * 2);
        for (int i = 0, n = size(); i < n; i++) {
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
        clearFields();
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
            return next < size();
        }

        @Override
        public T next() {
            if (next >= size()) {
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
