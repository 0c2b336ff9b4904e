package io.mlbj.core.proxy;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of initial-line pieces Netty writes from cached arrays: {@code HTTP/1.1} and {@code HTTP/1.0}, and
 * whole status lines ({@code HTTP/1.1 200 OK\r\n}) for Netty's {@link HttpResponseStatus} constants. Any other
 * version or status is written piece by piece, as Netty does for them.
 */
final class StatusLines {
    private static final byte[] HTTP_1_1 = bytes(HttpVersion.HTTP_1_1.text());
    private static final byte[] HTTP_1_0 = bytes(HttpVersion.HTTP_1_0.text());
    private static final int CODES = 600;
    // Indexed by code: Netty's constant for it (identity is what marks a status whose line can be cached).
    private static final HttpResponseStatus[] CONSTANTS = new HttpResponseStatus[CODES];
    private static final byte[][] LINES_1_1 = new byte[CODES][];
    private static final byte[][] LINES_1_0 = new byte[CODES][];

    static {
        for (int code = 100; code < CODES; code++) {
            HttpResponseStatus s = HttpResponseStatus.valueOf(code);
            if (s == HttpResponseStatus.valueOf(code)) {
                // valueOf gives a new object each time for codes Netty has no constant of.
                CONSTANTS[code] = s;
                String rest = " " + s.code() + " " + s.reasonPhrase() + "\r\n";
                LINES_1_1[code] = bytes(HttpVersion.HTTP_1_1.text() + rest);
                LINES_1_0[code] = bytes(HttpVersion.HTTP_1_0.text() + rest);
            }
        }
    }

    private StatusLines() {
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The bytes of {@code version} (Netty: cached for its two constants, else the text one byte a char). */
    static byte[] versionBytes(HttpVersion version) {
        if (version == HttpVersion.HTTP_1_1) {
            return HTTP_1_1;
        }
        if (version == HttpVersion.HTTP_1_0) {
            return HTTP_1_0;
        }
        return null;
    }

    /** Writes {@code version SP status CRLF}. */
    static void writeStatusLine(HeadBytes head, HttpVersion version, HttpResponseStatus status) {
        int code = status.code();
        if (code < CODES && CONSTANTS[code] == status) {
            if (version == HttpVersion.HTTP_1_1) {
                head.writeBytes(LINES_1_1[code]);
                return;
            }
            if (version == HttpVersion.HTTP_1_0) {
                head.writeBytes(LINES_1_0[code]);
                return;
            }
        }
        writeVersion(head, version);
        head.writeByte(' ');
        AsciiString codeText = status.codeAsText();
        head.writeAscii(codeText);
        head.writeByte(' ');
        head.writeAscii(status.reasonPhrase());
        head.writeCrlf();
    }

    /** Writes {@code version} as Netty's {@code HttpVersion.encode} does. */
    static void writeVersion(HeadBytes head, HttpVersion version) {
        byte[] cached = versionBytes(version);
        if (cached != null) {
            head.writeBytes(cached);
        } else {
            head.writeAscii(version.text());
        }
    }
}
