package io.mlbj.core.routing;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * What an {@code http-request}/{@code http-response} rule does. Header values may contain HAProxy
 * log-format expressions ({@code %[dst_port]}, {@code %[ssl_fc]}); {@link LogFormat} holds them pre-parsed.
 */
public sealed interface HttpAction {

    /** {@code set-header NAME FMT}: replace every value of the header. */
    record SetHeader(String name, LogFormat value) implements HttpAction {
        public SetHeader { requireHeaderName(name); requireNonNull(value, "value"); }
    }

    /** {@code add-header NAME FMT}: append one more value. */
    record AddHeader(String name, LogFormat value) implements HttpAction {
        public AddHeader { requireHeaderName(name); requireNonNull(value, "value"); }
    }

    /** {@code del-header NAME}. */
    record DelHeader(String name) implements HttpAction {
        public DelHeader { requireNonNull(name, "name"); }
    }

    /** {@code replace-header NAME REGEX REPLACE}: per value, regex replacement with {@code \1} groups. */
    record ReplaceHeader(String name, Pattern regex, String replacement) implements HttpAction {
        public ReplaceHeader {
            requireNonNull(name, "name"); requireNonNull(regex, "regex"); requireNonNull(replacement, "replacement");
        }
    }

    /** {@code set-path FMT}. */
    record SetPath(LogFormat path) implements HttpAction {
        public SetPath { requireNonNull(path, "path"); }
    }

    /** {@code replace-path REGEX REPLACE} (and {@code reqirep} on the request line). */
    record ReplacePath(Pattern regex, String replacement) implements HttpAction {
        public ReplacePath { requireNonNull(regex, "regex"); requireNonNull(replacement, "replacement"); }
    }

    /**
     * {@code redirect scheme|location|prefix VALUE [code N]}: answers the request itself.
     * For {@code scheme}, {@code value} is the new scheme and the host and URI are kept.
     */
    record Redirect(Kind kind, LogFormat value, int code, boolean dropQuery) implements HttpAction {
        /** The three redirect forms HAProxy knows. */
        public enum Kind { SCHEME, LOCATION, PREFIX }

        public Redirect {
            requireNonNull(kind, "kind");
            requireNonNull(value, "value");
            if (code != 301 && code != 302 && code != 303 && code != 307 && code != 308) {
                throw new IllegalArgumentException("code: " + code + " (expected: 301, 302, 303, 307 or 308)");
            }
        }
    }

    /**
     * {@code tcp-request content|connection reject}: closes the connection without any response
     * (in HTTP mode, before the request is answered).
     */
    record Reject() implements HttpAction {}

    /** {@code deny [deny_status N]}: answers 403 (or the given status) and closes. */
    record Deny(int status) implements HttpAction {}

    /** {@code auth realm R}: answers 401 with {@code WWW-Authenticate: Basic realm="R"}. */
    record Auth(String realm) implements HttpAction {
        public Auth { requireNonNull(realm, "realm"); }
    }

    /** {@code use-service NAME} for built-in services (the admin endpoints); name without the {@code lua.} prefix. */
    record UseService(String service) implements HttpAction {
        public UseService { requireNonNull(service, "service"); }
    }

    /** {@code set-var} and other actions that only need named values; kept for completeness of the model. */
    record SetVariable(String name, LogFormat value) implements HttpAction {
        public SetVariable { requireNonNull(name, "name"); requireNonNull(value, "value"); }
    }

    /**
     * Whether {@code name} can name a header field (a non-empty RFC 9110 token): checked once when a rule is
     * made, so that applying it to every request needs to check only the value.
     */
    static boolean isHeaderName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alphanumeric && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static void requireHeaderName(String name) {
        requireNonNull(name, "name");
        if (!isHeaderName(name)) {
            throw new IllegalArgumentException("header name '" + name + "' is not a token");
        }
    }
}
