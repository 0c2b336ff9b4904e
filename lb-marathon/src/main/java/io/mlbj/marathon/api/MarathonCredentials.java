package io.mlbj.marathon.api;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * HTTP Basic credentials for Marathon, from {@code --marathon-auth-credential-file} (first line
 * {@code user:password}, takes precedence) or {@code --auth-credentials user:password}.
 */
public record MarathonCredentials(String user, String password) {

    public MarathonCredentials {
        requireNonNull(user, "user");
        requireNonNull(password, "password");
    }

    /** Parses {@code user:password}; {@code origin} names where the text came from in the error. */
    public static MarathonCredentials parse(String text, String origin) {
        requireNonNull(text, "text");
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException(origin + ": credentials must be 'user:password' (no ':' found)");
        }
        return new MarathonCredentials(text.substring(0, colon), text.substring(colon + 1));
    }

    /** Reads the first line of a credential file. */
    public static MarathonCredentials fromFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read credential file: " + e.getMessage(), e);
        }
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            throw new IllegalArgumentException(file + ":1: credential file is empty (expected: user:password)");
        }
        return parse(lines.get(0).strip(), file + ":1");
    }

    /** Picks the file over the inline value, as marathon-lb does; empty when neither is given. */
    public static Optional<MarathonCredentials> resolve(Path credentialFile, String inline) {
        if (credentialFile != null) {
            return Optional.of(fromFile(credentialFile));
        }
        if (inline != null && !inline.isEmpty()) {
            return Optional.of(parse(inline, "--auth-credentials"));
        }
        return Optional.empty();
    }

    /** The {@code Authorization} header value. */
    public String basicHeader() {
        String token = user + ":" + password;
        return "Basic " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
    }

    /** Hides the password. */
    @Override
    public String toString() {
        return "MarathonCredentials[user=" + user + ", password=***]";
    }
}
