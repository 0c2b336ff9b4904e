package io.mlbj.core.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Decodes the common message in one pass, instead of handing it to Netty's {@code HttpObjectDecoder}: a head
 * an {@link HttpHeadScanner} has accepted, framed by one plain {@code Content-Length} or (a request) by none, and
 * its body. It emits exactly what Netty's decoder emits for such a message — the same message class, version,
 * method or status, target, header names and values in order (values trimmed of surrounding whitespace), then
 * {@code LastHttpContent.EMPTY_LAST_CONTENT} or the body as retained slices of at most {@code maxChunkSize}
 * bytes, one per call, the last a {@code DefaultLastHttpContent} — but reads the head once, as one copy,
 * and keeps the fields as offsets into that copy ({@link ScannedHeaders}) instead of building a line buffer,
 * a {@code String} per field and a hash map of them. Anything else — {@code Transfer-Encoding}, repeated or unusual
 * {@code Content-Length}, a response without one or that has no body by its status or request method, the
 * WebSocket draft handshake Netty frames by a fixed length, a head Netty's message classes refuse — is left
 * untouched for Netty's decoder, so its framing and errors stay Netty's. One per connection, used on its loop.
 */
public final class ScannedMessageDecoder {
    /**
     * False when the JVM runs with {@code -Dio.mlbj.http.scannedDecoder=false}: every message then goes through
     * Netty's decoder (to compare the two on one build).
     */
    public static final boolean ENABLED = !"false".equals(System.getProperty("io.mlbj.http.scannedDecoder"));
    private static final byte[] HTTP_1_1 = "HTTP/1.1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HTTP_1_0 = "HTTP/1.0".getBytes(StandardCharsets.US_ASCII);
    // Request fields that make Netty frame a GET body of 8 bytes (the hixie-76 WebSocket draft).
    private static final AsciiString WEBSOCKET_KEY1 = AsciiString.cached("sec-websocket-key1");
    private static final AsciiString WEBSOCKET_KEY2 = AsciiString.cached("sec-websocket-key2");
    private static final AsciiString CONTENT_LENGTH = AsciiString.cached("content-length");
    private static final int MAX_LENGTH_DIGITS = 18;

    private final HttpHeadScanner.Kind kind;
    private final int maxChunkSize;
    private final HttpHeadersFactory trailersFactory;
    private final HeadReuse reuse;
    // Body bytes still to emit for the message this decoder emitted last; 0 when none is pending.
    private long remaining;

    /**
     * Whether a head is decoded into new objects or into an earlier message of the connection (its object,
     * headers and their arrays, when they fit). A message decoded into must not be read (nor any view of its
     * fields) once that happens.
     */
    public enum MessageReuse {
        /** New objects for every head. */
        NONE,
        /**
         * The previous message, and the previous message's last body part for the next one's: for a caller
         * done with each message and part before this decoder decodes more (a server connection's responses,
         * each part relayed and encoded toward the client as it arrives, one exchange at a time).
         */
        BY_NEXT_HEAD,
        /**
         * A message the caller gave back ({@link #giveBack}) once done with it; new objects when there is
         * none (a client connection's requests: the next may arrive while one is in progress).
         */
        WHEN_GIVEN_BACK
    }

    /** A decoder of {@code kind} messages building last contents' trailers with {@code trailersFactory}. */
    public ScannedMessageDecoder(HttpHeadScanner.Kind kind, int maxChunkSize, HttpHeadersFactory trailersFactory) {
        this(kind, maxChunkSize, trailersFactory, MessageReuse.NONE);
    }

    /** As above, reusing earlier messages as {@code reuse} says. */
    public ScannedMessageDecoder(HttpHeadScanner.Kind kind, int maxChunkSize, HttpHeadersFactory trailersFactory,
            MessageReuse reuse) {
        if (kind == null || trailersFactory == null || reuse == null) {
            throw new NullPointerException(kind == null ? "kind" : trailersFactory == null ? "trailersFactory" : "reuse");
        }
        if (maxChunkSize < 1) {
            throw new IllegalArgumentException("maxChunkSize: " + maxChunkSize + " (expected: >= 1)");
        }
        this.kind = kind;
        this.maxChunkSize = maxChunkSize;
        this.trailersFactory = trailersFactory;
        this.reuse = new HeadReuse(reuse);
    }

    /** Whether a body this decoder framed is still being read: then only {@link #decodeBody} may run. */
    public boolean inBody() {
        return remaining > 0;
    }

    /**
     * Decodes the head {@code scanner} has just accepted at {@code in}'s reader index, when it is one this
     * decoder frames: adds the message (and the empty last content when it has no body) to {@code out},
     * consumes the head and returns true. Otherwise consumes nothing and returns false. {@code bodyAllowed} is
     * false for a response to HEAD or CONNECT (ignored for requests).
     */
    public boolean decodeHead(ByteBuf in, HttpHeadScanner scanner, boolean bodyAllowed, List<Object> out) {
        // The scanner counted the framing fields: a Transfer-Encoding or a repeated Content-Length is Netty's.
        if (kind == HttpHeadScanner.Kind.RESPONSE && !bodyAllowed || scanner.transferEncodingFields() > 0
                || scanner.contentLengthFields() > 1) {
            return false;
        }
        int headLength = scanner.bytesScanned();
        if (headLength > ScannedHeaders.MAX_HEAD_BYTES) {
            return false; // beyond the heads' limits today; its fields' offsets would not fit
        }
        byte[] head = reuse.headArray(headLength);
        in.getBytes(in.readerIndex(), head, 0, headLength);
        HttpMessage message;
        try {
            message = parse(head, headLength, scanner);
        } catch (IllegalArgumentException e) {
            // Netty's message classes refused a token: its decoder gives the same failure as before.
            return false;
        }
        if (message == null) {
            return false;
        }
        in.skipBytes(headLength);
        reuse.decoded(message);
        out.add(message);
        if (remaining == 0) {
            out.add(LastHttpContent.EMPTY_LAST_CONTENT);
        }
        return true;
    }

    /** Emits the next part of the pending body, as Netty's decoder does: one slice per call. */
    public void decodeBody(ByteBuf in, List<Object> out) {
        int readable = in.readableBytes();
        if (readable == 0 || remaining == 0) {
            return;
        }
        int toRead = (int) Math.min(Math.min(readable, maxChunkSize), remaining);
        remaining -= toRead;
        out.add(remaining == 0 ? reuse.readLastContent(in, toRead, trailersFactory)
                : new DefaultHttpContent(in.readRetainedSlice(toRead)));
    }

    /**
     * Takes back {@code message}, a head this decoder made with {@link MessageReuse#WHEN_GIVEN_BACK}, given back
     * once, when the caller is done with it and every view of its fields: a later head may be decoded into
     * it. Other messages are ignored.
     */
    public void giveBack(HttpMessage message) {
        reuse.givenBack(message);
    }

    // The message of the head in h's first `length` bytes, its body length left in `remaining`; null when the
    // head is not one it frames. The fields are where the scanner found their colons and line ends.
    private HttpMessage parse(byte[] h, int length, HttpHeadScanner scanner) {
        boolean hasContentLength = scanner.contentLengthFields() == 1;
        int p = 0;
        while (h[p] == '\r') {
            p += 2; // empty lines before the start line (the scanner allows a few CRLFs)
        }
        int eol = indexOf(h, length, (byte) '\r', p);
        HttpMessage message;
        boolean request = kind == HttpHeadScanner.Kind.REQUEST;
        // Room for the fields the proxy adds without growing: X-Forwarded-For, -Port and -Proto to a request,
        // a rewritten Set-Cookie to a response.
        int fieldRoom = scanner.fieldCount() + (request ? 3 : 1);
        ScannedHeaders headers = reuse.headers(h, length, fieldRoom);
        if (request) {
            int sp1 = indexOf(h, eol, (byte) ' ', p);
            int sp2 = sp1 < 0 ? -1 : indexOf(h, eol, (byte) ' ', sp1 + 1);
            if (sp1 <= p || sp2 <= sp1 + 1) { // both spaces are searched for before the line end
                return null;
            }
            HttpVersion version = version(h, sp2 + 1, eol);
            if (version == null) {
                return null;
            }
            message = reuse.request(version, method(h, p, sp1), h, sp1 + 1, sp2 - sp1 - 1, headers);
        } else {
            int codeAt = p + HTTP_1_1.length + 1;
            if (eol < codeAt + 3 || h[codeAt - 1] != ' ' || (eol > codeAt + 3 && h[codeAt + 3] != ' ')) {
                return null;
            }
            HttpVersion version = version(h, p, codeAt - 1);
            if (version == null) {
                return null;
            }
            int code = (h[codeAt] - '0') * 100 + (h[codeAt + 1] - '0') * 10 + (h[codeAt + 2] - '0');
            if (code < 200 || code == 204 || code == 304 || code > 999) {
                return null;
            }
            message = reuse.response(version, status(code, h, codeAt + 3, eol), headers);
        }
        long contentLength = request && !hasContentLength ? 0 : -1;
        int q = eol + 2;
        for (int k = 0, fields = scanner.fieldCount(); k < fields; k++) {
            int colon = scanner.fieldColon(k);
            int lineEnd = scanner.fieldLineEnd(k);
            int nameLength = colon - q;
            int vs = colon + 1;
            while (vs < lineEnd && isOws(h[vs])) {
                vs++;
            }
            int ve = lineEnd;
            while (ve > vs && isOws(h[ve - 1])) {
                ve--;
            }
            if (hasContentLength && nameLength == CONTENT_LENGTH.length() && nameIs(h, q, CONTENT_LENGTH)) {
                contentLength = plainLength(h, vs, ve);
                if (contentLength < 0) {
                    return null;
                }
            } else if (request && nameLength == WEBSOCKET_KEY1.length()
                    && (nameIs(h, q, WEBSOCKET_KEY1) || nameIs(h, q, WEBSOCKET_KEY2))) {
                return null;
            }
            headers.addScanned(q, colon, vs, ve);
            q = lineEnd + 2;
        }
        if (contentLength < 0) {
            return null; // a response without a length: delimited by the server closing, Netty's state machine frames it
        }
        remaining = contentLength;
        return message;
    }

    // Whether the name at `from` of h is `name` but for ASCII case (its length already checked).
    private static boolean nameIs(byte[] h, int from, AsciiString name) {
        return HeadByteClasses.equalsIgnoreCase(h, from, name.array(), name.arrayOffset(), name.length());
    }

    private static HttpVersion version(byte[] h, int from, int to) {
        if (to - from != HTTP_1_1.length) {
            return null;
        }
        for (int i = 0; i < HTTP_1_1.length - 1; i++) {
            if (h[from + i] != HTTP_1_1[i]) {
                return null;
            }
        }
        byte minor = h[to - 1];
        return minor == HTTP_1_1[HTTP_1_1.length - 1] ? HttpVersion.HTTP_1_1
                : minor == HTTP_1_0[HTTP_1_0.length - 1] ? HttpVersion.HTTP_1_0 : null;
    }

    private static HttpMethod method(byte[] h, int from, int to) {
        int length = to - from;
        if (length == 3 && h[from] == 'G' && h[from + 1] == 'E' && h[from + 2] == 'T') {
            return HttpMethod.GET;
        }
        if (length == 4 && h[from] == 'P' && h[from + 1] == 'O' && h[from + 2] == 'S' && h[from + 3] == 'T') {
            return HttpMethod.POST;
        }
        // Known names map to Netty's constants, others are validated as tokens there.
        return HttpMethod.valueOf(new String(h, from, length, StandardCharsets.ISO_8859_1));
    }

    // Netty's status for the code and the reason phrase as Netty splits it (after the status, surrounding
    // spaces and tabs dropped): its constant when the phrase is the standard one, which is then not copied.
    private static HttpResponseStatus status(int code, byte[] h, int from, int eol) {
        int s = from;
        while (s < eol && isOws(h[s])) {
            s++;
        }
        int e = eol;
        while (e > s && isOws(h[e - 1])) {
            e--;
        }
        // 200 without the switch over every known code.
        HttpResponseStatus standard = code == 200 ? HttpResponseStatus.OK : HttpResponseStatus.valueOf(code);
        String phrase = standard.reasonPhrase();
        if (phrase.length() == e - s) {
            int i = 0;
            while (i < phrase.length() && phrase.charAt(i) == (h[s + i] & 0xff)) {
                i++;
            }
            if (i == phrase.length()) {
                return standard;
            }
        }
        return HttpResponseStatus.valueOf(code, s == e ? "" : new String(h, s, e - s, StandardCharsets.ISO_8859_1));
    }

    // Decimal digits with no sign and no leading zero (what Netty keeps as it is), or -1.
    private static long plainLength(byte[] h, int from, int to) {
        int digits = to - from;
        if (digits < 1 || digits > MAX_LENGTH_DIGITS || (digits > 1 && h[from] == '0')) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int d = h[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    // The first b in h from `from` up to `to`, or -1.
    private static int indexOf(byte[] h, int to, byte b, int from) {
        for (int i = from; i < to; i++) {
            if (h[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isOws(byte b) {
        return b == ' ' || b == '\t';
    }
}
