package io.mlbj.core.proxy;

import io.netty.util.AsciiString;
import io.netty.util.internal.PlatformDependent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The header fields of a head {@link ScannedMessageDecoder} decoded, kept as offsets into the head's own bytes
 * instead of a hash map of a name and a value object per field: a field becomes an object only when someone
 * asks for it, lookups compare bytes, and the encoder copies the fields it did not change straight from the
 * head ({@link #writeTo}). The API behaves as Netty's {@code DefaultHttpHeaders} without validation, which is
 * what the decoders used before (the scanner has checked every name and value; see {@link FieldListHeaders}).
 * Fields are few (a head is at most a few KiB), so lookups are linear scans, most of them cut short by a bit
 * set of the name hashes present. One message's headers, used on its connection's loop.
 */
public final class ScannedHeaders extends FieldListHeaders {
    /** The longest head whose offsets fit: a longer one is left to Netty's decoder. */
    static final int MAX_HEAD_BYTES = 0xFFFE;
    private static final int SPAN = 5;
    private static final int RECENT_VALUES = 4;
    // Name start of a field added after decoding; its texts are in `texts`, at the index in the next two chars.
    private static final char ADDED = 0xFFFF;

    private byte[] head;
    // Per field: name start, name end, value start, value end in `head`, and the low 16 bits of its name's
    // hash (Netty's case-insensitive AsciiString hash). Chars, not ints: the head is at most MAX_HEAD_BYTES,
    // and this array is per message.
    private char[] spans;
    // The fields the decoder made room for: those it read and those its caller said it would add.
    private int fieldRoom;
    // Name and value of each field added after decoding, in the order added (a removed one's stay unused).
    private CharSequence[] texts;
    private int textCount;
    private int size;
    // Bit (hash & 63) of every name added since the last clear: a name whose bit is clear is absent, so the
    // many lookups of absent names (hop-by-hop fields, framing checks) cost one test instead of a scan.
    // Removing a field leaves its bit set, which is safe.
    private long nameBits;
    // The String last given for a field read from the head, and that field's index (-1: none): the same field
    // is asked for more than once per message (Host by the framing check, then by routing and its ACLs).
    private int cachedField = -1;
    private String cachedValue;
    // The last few Strings made of values, given again for a value of the same text, also after a reset for
    // the connection's next message: its requests name the same Host (and often send the same Cookie).
    private String[] recentValues;
    private int nextRecent;

    /** Headers over {@code head} (at most MAX_HEAD_BYTES), room for {@code fields} fields before growing. */
    ScannedHeaders(byte[] head, int fields) {
        this(head, head.length, new char[spansLength(fields)], fields);
    }

    /**
     * Headers over the first {@code headLength} bytes of {@code head}, their offsets kept in {@code spans} (of
     * at least {@link #spansLength} chars for {@code fields}; what it holds is overwritten): arrays a decoder
     * may hand to the next message once this one is no longer read ({@link HeadReuse}).
     */
    ScannedHeaders(byte[] head, int headLength, char[] spans, int fields) {
        reset(head, headLength, spans, fields);
    }

    /** Starts over as new headers would, over these arrays (as for the constructor); no field is left. */
    void reset(byte[] head, int headLength, char[] spans, int fields) {
        if (headLength > MAX_HEAD_BYTES || headLength > head.length) {
            throw new IllegalArgumentException("head of " + headLength + " bytes in " + head.length
                    + " (at most " + MAX_HEAD_BYTES + ")");
        }
        if (spans.length < spansLength(fields)) {
            throw new IllegalArgumentException(spans.length + " chars of spans for " + fields + " fields");
        }
        this.head = head;
        this.spans = spans;
        this.fieldRoom = Math.max(1, fields);
        CharSequence[] added = texts;
        int addedCount = textCount;
        clearFields();
        if (added != null) {
            // Kept for the fields the next message adds (the same few, as a rule), without the old texts.
            Arrays.fill(added, 0, addedCount, null);
            texts = added;
        }
    }

    // The arrays it reads, for a decoder to reuse once this message is done with.
    byte[] headArray() {
        return head;
    }

    char[] spansArray() {
        return spans;
    }

    /** The chars of spans {@code fields} fields take. */
    static int spansLength(int fields) {
        return Math.max(1, fields) * SPAN;
    }

    /** Appends the field whose name and (trimmed) value are at these offsets of the head. */
    void addScanned(int nameStart, int nameEnd, int valueStart, int valueEnd) {
        int s = grow() * SPAN;
        spans[s] = (char) nameStart;
        spans[s + 1] = (char) nameEnd;
        spans[s + 2] = (char) valueStart;
        spans[s + 3] = (char) valueEnd;
        int hash = PlatformDependent.hashCodeAscii(head, nameStart, nameEnd - nameStart);
        spans[s + 4] = (char) hash;
        nameBits |= 1L << (hash & 63);
    }

    @Override
    void append(CharSequence name, CharSequence value) {
        store(grow(), name, value);
    }

    /**
     * Gives field {@code i} the value {@code value} where it stands, named {@code name} (the same name, as the
     * caller spells it): an edited field keeps its place among the others, as HAProxy edits a header in place.
     */
    void replaceAt(int i, CharSequence name, CharSequence value) {
        Objects.checkIndex(i, size);
        if (!nameIs(i, name)) {
            throw new IllegalArgumentException("field " + i + " is not named " + name);
        }
        store(i, name, value);
        forgetValue();
    }

    // Field i becomes an added one whose name and value are in `texts`.
    private void store(int i, CharSequence name, CharSequence value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (texts == null) {
            // A name and a value for each field there is room for: what the decoder's caller said it would add.
            texts = new CharSequence[2 * Math.max(1, fieldRoom - size)];
        } else if (textCount == texts.length) {
            texts = Arrays.copyOf(texts, textCount * 2);
        }
        int t = textCount;
        texts[t] = name;
        texts[t + 1] = value;
        textCount = t + 2;
        int s = i * SPAN;
        spans[s] = ADDED;
        spans[s + 1] = (char) (t >>> 16);
        spans[s + 2] = (char) t;
        int hash = AsciiString.hashCode(name);
        spans[s + 4] = (char) hash;
        nameBits |= 1L << (hash & 63);
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

    @Override
    CharSequence name(int i) {
        if (isAdded(i)) {
            return texts[text(i)];
        }
        int s = spans[i * SPAN];
        return new AsciiString(head, s, spans[i * SPAN + 1] - s, false);
    }

    @Override
    CharSequence value(int i) {
        if (isAdded(i)) {
            return texts[text(i) + 1];
        }
        int s = spans[i * SPAN + 2];
        int length = spans[i * SPAN + 3] - s;
        return length == 0 ? AsciiString.EMPTY_STRING : new AsciiString(head, s, length, false);
    }

    @Override
    String valueString(int i) {
        if (isAdded(i)) {
            return texts[text(i) + 1].toString();
        }
        if (i != cachedField) {
            cachedValue = stringOf(spans[i * SPAN + 2], spans[i * SPAN + 3]);
            cachedField = i;
        }
        return cachedValue;
    }

    private String stringOf(int start, int end) {
        int length = end - start;
        if (recentValues == null) {
            recentValues = new String[RECENT_VALUES];
        }
        for (String v : recentValues) {
            if (v != null && textIs(v, start, length)) {
                return v;
            }
        }
        String v = new String(head, start, length, StandardCharsets.ISO_8859_1);
        recentValues[nextRecent] = v;
        nextRecent = (nextRecent + 1) % RECENT_VALUES;
        return v;
    }

    // Whether the head's `length` bytes from `from` read as `text` (ISO-8859-1, as the value Strings are made).
    private boolean textIs(String text, int from, int length) {
        if (text.length() != length) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (text.charAt(k) != (head[from + k] & 0xff)) {
                return false;
            }
        }
        return true;
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
            return HeadByteClasses.equalsIgnoreCase(head, s, a.array(), a.arrayOffset(), length);
        }
        for (int k = 0; k < length; k++) {
            char c = wanted.charAt(k);
            int x = head[s + k] & 0xff;
            if (x != c && (c > 0x7f || HeadByteClasses.lowerAscii(x) != HeadByteClasses.lowerAscii(c))) {
                return false;
            }
        }
        return true;
    }

    @Override
    int indexOf(CharSequence name, int from) {
        // Netty's case-insensitive name hash: cached in the AsciiString constants most lookups use.
        int hash = AsciiString.hashCode(name);
        if ((nameBits & 1L << (hash & 63)) == 0) {
            return -1;
        }
        char hash16 = (char) hash;
        for (int i = from; i < size; i++) {
            if (spans[i * SPAN + 4] == hash16 && nameIs(i, name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    void removeAt(int i) {
        int tail = size - i - 1;
        System.arraycopy(spans, (i + 1) * SPAN, spans, i * SPAN, tail * SPAN);
        size--;
        forgetValue();
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
    public int size() {
        return size;
    }

    @Override
    void clearFields() {
        size = 0;
        texts = null;
        textCount = 0;
        nameBits = 0;
        forgetValue();
    }

    private void forgetValue() {
        cachedField = -1;
    }
}
