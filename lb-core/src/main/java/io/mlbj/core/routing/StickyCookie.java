package io.mlbj.core.routing;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * A backend's {@code cookie NAME [rewrite|insert|prefix] [indirect] [nocache] [postonly] [preserve]
 * [httponly] [secure] [domain D]* [maxidle T] [maxlife T] [attr A]*} directive.
 *
 * @param maxIdle null when not set
 * @param maxLife null when not set
 */
public record StickyCookie(
        String name,
        Mode mode,
        boolean indirect,
        boolean nocache,
        boolean postonly,
        boolean preserve,
        boolean httponly,
        boolean secure,
        List<String> domains,
        Duration maxIdle,
        Duration maxLife,
        List<String> attributes) {

    /** How the server's cookie value travels. */
    public enum Mode { REWRITE, INSERT, PREFIX }

    public StickyCookie {
        requireNonNull(name, "name");
        requireNonNull(mode, "mode");
        domains = List.copyOf(requireNonNull(domains, "domains"));
        attributes = List.copyOf(requireNonNull(attributes, "attributes"));
        if (name.isEmpty()) {
            throw new IllegalArgumentException("name: empty (expected: a cookie name)");
        }
    }
}
