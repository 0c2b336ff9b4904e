package io.mlbj.core.sticky;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The {@code cookie} value marathon-lb gives a server line when the app is sticky: the first 10
 * lower-case hex digits of the SHA-1 of the server name ({@code 192_168_30_80_14957} gives
 * {@code d1e1b3d058}). Generating the same value keeps clients sticky across a migration.
 */
public final class ServerCookieValue {
    private ServerCookieValue() {
    }

    /** The cookie value of a server name as marathon-lb computes it. */
    public static String of(String serverName) {
        requireNonNull(serverName, "serverName");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(serverName.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java platform", e);
        }
    }
}
