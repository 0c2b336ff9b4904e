package io.mlbj.marathon.services;

import static java.util.Objects.requireNonNull;

/** A label value marathon-lb cannot use (non-integer port, AUTH without three parts, ...): names the label. */
public final class LabelException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String label;

    /** Creates the error for {@code label} with a message saying what is expected. */
    public LabelException(String label, String message) {
        super(message);
        this.label = requireNonNull(label, "label");
    }

    /** The concrete label name ({@code HAPROXY_0_PORT}). */
    public String label() {
        return label;
    }
}
