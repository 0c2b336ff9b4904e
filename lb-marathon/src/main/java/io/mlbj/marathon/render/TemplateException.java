package io.mlbj.marathon.render;

import static java.util.Objects.requireNonNull;

/** A template that cannot be filled (unknown placeholder, stray brace, missing health-check field): names its origin. */
public final class TemplateException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String origin;

    /** Creates the error; {@code origin} is the label, variable or template the text came from. */
    public TemplateException(String origin, String message) {
        super(message);
        this.origin = requireNonNull(origin, "origin");
    }

    /** The label ({@code HAPROXY_0_FRONTEND_HEAD}), variable or template name the faulty text came from. */
    public String origin() {
        return origin;
    }
}
