package io.mlbj.core.haproxy;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.apache.commons.codec.digest.Crypt;

/**
 * A {@code userlist}: user names with a crypt(3) hash ({@code password}: {@code $1$} MD5, {@code $5$}
 * SHA-256, {@code $6$} SHA-512 or DES) or a clear text ({@code insecure-password}).
 */
public record Userlist(String name, Map<String, Password> users) {
    public Userlist {
        requireNonNull(name, "name");
        users = Map.copyOf(requireNonNull(users, "users"));
    }

    /** One user's secret: a crypt hash, or clear text when {@code insecure}. */
    public record Password(String secret, boolean insecure) {
        public Password {
            requireNonNull(secret, "secret");
        }

        /** Whether {@code password} is this secret. */
        public boolean accepts(String password) {
            if (insecure) {
                return secret.equals(password);
            }
            try {
                return Crypt.crypt(password.getBytes(StandardCharsets.UTF_8), secret).equals(secret);
            } catch (IllegalArgumentException e) {
                // Not a hash crypt(3) understands: like HAProxy, nothing matches it.
                return false;
            }
        }

        /** Never shows the secret: a snapshot or a rule printed in a log must not leak it. */
        @Override
        public String toString() {
            return "Password[secret=<redacted>, insecure=" + insecure + "]";
        }
    }

    /** Whether an {@code Authorization: Basic ...} header value names a user of this list with its password. */
    public boolean authenticates(String authorization) {
        if (authorization == null) {
            return false;
        }
        String value = authorization.trim();
        if (value.length() < 6 || !value.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(value.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return false;
        }
        Password p = users.get(decoded.substring(0, colon));
        return p != null && p.accepts(decoded.substring(colon + 1));
    }
}
