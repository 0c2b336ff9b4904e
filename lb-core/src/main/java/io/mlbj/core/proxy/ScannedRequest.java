package io.mlbj.core.proxy;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * A request {@link ScannedMessageDecoder} decoded: Netty's request whose target stays bytes in the head's copy
 * until something asks for it as a {@code String} (routing by path, a rule, the access log), so a request
 * forwarded as received makes none; its encoder writes those bytes ({@link #targetAsReceived}). The scanner
 * let only visible ASCII into a target, so the bytes are the {@code String}'s characters one for one.
 */
final class ScannedRequest extends DefaultHttpRequest {
    // In the superclass's own field until the target is made a String (only its hashCode reads the field).
    private static final String UNREAD = "/";

    // The head's copy and where the target is in it; head is null once a target was set as a String.
    private byte[] head;
    private int targetStart;
    private int targetLength;
    // The target as a String: made when first asked for, or as set.
    private String target;

    ScannedRequest(HttpVersion version, HttpMethod method, byte[] head, int targetStart, int targetLength,
            ScannedHeaders headers) {
        super(version, method, UNREAD, headers);
        retarget(head, targetStart, targetLength);
    }

    /** The target is now the {@code length} bytes of {@code head} from {@code start} (a later head decoded into this). */
    void retarget(byte[] head, int start, int length) {
        this.head = head;
        this.targetStart = start;
        this.targetLength = length;
        this.target = null;
    }

    @Override
    public String uri() {
        String t = target;
        if (t == null) {
            t = new String(head, targetStart, targetLength, StandardCharsets.ISO_8859_1);
            super.setUri(t);
            target = t;
        }
        return t;
    }

    @Override
    @Deprecated
    public String getUri() {
        return uri();
    }

    @Override
    public HttpRequest setUri(String uri) {
        super.setUri(uri); // validates it as Netty does
        head = null;
        target = uri;
        return this;
    }

    /**
     * Whether the target is still the received one and in origin form (it starts with {@code /}): then
     * {@link #writeTarget} writes it as it came.
     */
    boolean targetAsReceived() {
        return head != null && head[targetStart] == '/';
    }

    /** Writes the received target's bytes; only when {@link #targetAsReceived}. */
    void writeTarget(HeadBytes to) {
        to.writeBytes(head, targetStart, targetLength);
    }

    // equals is the superclass's: it compares uri(), which this overrides.
    @Override
    public int hashCode() {
        uri(); // the superclass hashes its own field
        return super.hashCode();
    }
}
