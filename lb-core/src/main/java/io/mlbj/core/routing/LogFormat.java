package io.mlbj.core.routing;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A pre-parsed HAProxy log-format string such as {@code %[dst_port]} or {@code https}: a list of
 * literal text and sample-fetch parts, so the proxy formats it without parsing per request.
 */
public record LogFormat(List<Part> parts, String source) {
    public LogFormat {
        parts = List.copyOf(requireNonNull(parts, "parts"));
        requireNonNull(source, "source");
    }

    /** A format that is plain text. */
    public static LogFormat literal(String text) {
        return new LogFormat(List.of(new Literal(text)), text);
    }

    /** Whether the format contains no sample fetch. */
    public boolean isLiteral() {
        return parts.stream().allMatch(p -> p instanceof Literal);
    }

    /** The value for this request. */
    public String format(RequestView request) {
        if (parts.size() == 1) {
            // One part (a literal, or a lone fetch such as %[dst_port]) needs no builder.
            return parts.get(0).value(request);
        }
        StringBuilder out = new StringBuilder();
        for (Part p : parts) {
            out.append(p.value(request));
        }
        return out.toString();
    }

    /** One piece of a format. */
    public sealed interface Part {
        /** This piece's text for the request. */
        String value(RequestView request);
    }

    /** Verbatim text. */
    public record Literal(String text) implements Part {
        public Literal { requireNonNull(text, "text"); }

        @Override
        public String value(RequestView request) {
            return text;
        }
    }

    /** A {@code %[fetch,converter...]} expression compiled to a function of the request. */
    public record Fetch(String expression, java.util.function.Function<RequestView, String> function) implements Part {
        public Fetch { requireNonNull(expression, "expression"); requireNonNull(function, "function"); }

        @Override
        public String value(RequestView request) {
            String v = function.apply(request);
            return v == null ? "" : v;
        }
    }
}
