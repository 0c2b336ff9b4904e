package io.mlbj.core.proxy;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.Locale;

/**
 * The framing rules of a message head, checked on the parsed head after {@link HttpHeadScanner} has
 * vouched for its syntax. Requests: the framing and target rules a request must meet before it is forwarded (RFC 9112 §3.2, §6.1, §6.3),
 * checked on the parsed head after {@link HttpHeadScanner} has vouched for its syntax: one
 * {@code Content-Length} of digits only, {@code Transfer-Encoding: chunked} exactly (never together with
 * {@code Content-Length}, never on HTTP/1.0), at most one {@code Host}, and a request target in origin
 * form, absolute form ({@code http}/{@code https}, no user info, authority equal to {@code Host}),
 * authority form for {@code CONNECT} only, or {@code *} for {@code OPTIONS} only. Responses: one
 * {@code Content-Length} of digits, or a {@code Transfer-Encoding} whose last coding is {@code chunked}
 * (never both). Pure logic.
 */
public final class MessageFraming {
    private static final int MAX_CONTENT_LENGTH_DIGITS = 18;
    // What may not appear in a Host or an authority (indexed by char; anything from 0x80 on is refused too).
    private static final boolean[] NOT_IN_AUTHORITY = new boolean[0x80];

    static {
        for (int c = 0; c <= ' '; c++) {
            NOT_IN_AUTHORITY[c] = true;
        }
        NOT_IN_AUTHORITY[0x7f] = true;
        for (char c : "@/\\?#,;\"<>{}|^`".toCharArray()) {
            NOT_IN_AUTHORITY[c] = true;
        }
    }

    private MessageFraming() {}

    /**
     * The value of {@code name} in the parsed head, for the checks below: looked up only when the scanner
     * counted {@code counted} such fields in this very head, null (what the lookup gives) when it counted none.
     */
    public static String countedValue(HttpHeaders headers, CharSequence name, int counted) {
        return counted == 0 ? null : headers.get(name);
    }

    /**
     * As {@link #countedValue}, for a value only these checks read: a decoded head's field is viewed in place
     * instead of copied into a {@code String}.
     */
    public static CharSequence countedText(HttpHeaders headers, CharSequence name, int counted) {
        if (counted == 0) {
            return null;
        }
        return headers instanceof FieldListHeaders fields ? fields.first(name) : headers.get(name);
    }

    /**
     * Why the request must be refused with 400, or null when it may be forwarded; the field counts come
     * from the scanner (a parser may merge repeated fields), the values from the parsed head (null when absent).
     * {@code target} is null when the caller knows it is in origin form (it starts with {@code /}).
     */
    public static String requestViolation(String method, String target, boolean http10, int contentLengthFields,
            int transferEncodingFields, int hostFields, CharSequence contentLength, CharSequence transferEncoding, String host) {
        if (contentLengthFields > 1) {
            return "repeated Content-Length";
        }
        if (transferEncodingFields > 1) {
            return "repeated Transfer-Encoding";
        }
        if (hostFields > 1) {
            return "repeated Host";
        }
        if (transferEncodingFields > 0 || transferEncoding != null) {
            if (contentLengthFields > 0 || contentLength != null) {
                return "both Transfer-Encoding and Content-Length";
            }
            if (http10) {
                return "Transfer-Encoding on HTTP/1.0";
            }
            if (transferEncoding == null || !AsciiString.contentEqualsIgnoreCase(AsciiString.trim(transferEncoding), "chunked")) {
                return "Transfer-Encoding other than chunked: " + transferEncoding;
            }
        }
        if (contentLength != null && !isDecimalTrimmed(contentLength)) {
            return "invalid Content-Length: " + contentLength;
        }
        if (host != null && !validTrimmedAuthority(host)) {
            return "invalid Host: " + host;
        }
        return targetViolation(method, target, host);
    }

    /** Why a response head must be refused (502 to the client), or null; counts and values as for requests. */
    public static String responseViolation(int contentLengthFields, int transferEncodingFields,
            CharSequence contentLength, CharSequence transferEncoding) {
        if (contentLengthFields > 1) {
            return "repeated Content-Length";
        }
        if (transferEncodingFields > 1) {
            return "repeated Transfer-Encoding";
        }
        if (transferEncodingFields > 0 || transferEncoding != null) {
            if (contentLengthFields > 0 || contentLength != null) {
                return "both Transfer-Encoding and Content-Length";
            }
            if (transferEncoding == null || !chunkedLastOnce(transferEncoding.toString())) {
                return "Transfer-Encoding not ending in chunked: " + transferEncoding;
            }
        }
        if (contentLength != null && !isDecimalTrimmed(contentLength)) {
            return "invalid Content-Length: " + contentLength;
        }
        return null;
    }

    private static boolean chunkedLastOnce(String te) {
        String[] codings = te.split(",", -1);
        for (int i = 0; i < codings.length; i++) {
            String c = codings[i].trim().toLowerCase(Locale.ROOT);
            boolean last = i == codings.length - 1;
            if (c.isEmpty() || c.equals("chunked") != last) {
                return false;
            }
            for (int k = 0; k < c.length(); k++) {
                if (!HeadByteClasses.isTchar(c.charAt(k))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String targetViolation(String method, String target, String host) {
        if (target == null || target.startsWith("/")) {
            return null;
        }
        if (target.equals("*")) {
            return "OPTIONS".equals(method) ? null : "asterisk-form target with method " + method;
        }
        if ("CONNECT".equals(method)) {
            return validAuthority(target, 0, target.length(), false) && target.indexOf(':') > 0
                    ? null : "CONNECT target not host:port";
        }
        int sep = target.indexOf("://");
        if (sep <= 0) {
            return "request target in no known form";
        }
        String scheme = target.substring(0, sep).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "absolute-form target with scheme " + scheme;
        }
        int end = sep + 3;
        while (end < target.length() && "/?#".indexOf(target.charAt(end)) < 0) {
            end++;
        }
        String authority = target.substring(sep + 3, end);
        if (authority.isEmpty() || !validAuthority(authority, 0, authority.length(), false)) {
            return "absolute-form target with an invalid authority";
        }
        if (host != null && !host.trim().equalsIgnoreCase(authority)) {
            return "absolute-form authority differs from Host";
        }
        return null;
    }

    // Digits only once the blanks (chars up to the space) around them are cut, without cutting them: Netty's
    // AsciiString.trim makes a new AsciiString for any view into a longer array, which a decoded head's
    // values are, even when there is nothing to cut.
    private static boolean isDecimalTrimmed(CharSequence s) {
        int start = trimmedStart(s);
        int end = trimmedEnd(s, start);
        if (end == start || end - start > MAX_CONTENT_LENGTH_DIGITS) {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    // Every request's Host is checked: the blanks String.trim would cut are skipped instead (no scan to make a
    // trimmed copy first), and the delimiters are looked up in a table rather than searched in a string.
    private static boolean validTrimmedAuthority(String host) {
        int start = trimmedStart(host);
        return validAuthority(host, start, trimmedEnd(host, start), true);
    }

    // Where s starts and ends once the blanks String.trim would cut (chars up to the space) are left out.
    private static int trimmedStart(CharSequence s) {
        int start = 0;
        while (start < s.length() && s.charAt(start) <= ' ') {
            start++;
        }
        return start;
    }

    private static int trimmedEnd(CharSequence s, int start) {
        int end = s.length();
        while (end > start && s.charAt(end - 1) <= ' ') {
            end--;
        }
        return end;
    }

    /** host[:port] without user info, path, whitespace or other delimiters (an empty Host is allowed). */
    private static boolean validAuthority(String s, int start, int end, boolean emptyAllowed) {
        if (start == end) {
            return emptyAllowed;
        }
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || NOT_IN_AUTHORITY[c]) {
                return false;
            }
        }
        return true;
    }
}
