package io.mlbj.marathon.render;

import java.util.Map;
import java.util.Optional;

/** The contents of marathon-lb's {@code templates/HAPROXY_<NAME>} override files, supplied by the caller (no I/O here). */
@FunctionalInterface
public interface TemplateFiles {
    /** The text of the file named {@code fullName} ({@code HAPROXY_HEAD}), if it exists. */
    Optional<String> read(String fullName);

    /** No template files. */
    static TemplateFiles none() {
        return name -> Optional.empty();
    }

    /** Files given as a map from full template name to content. */
    static TemplateFiles of(Map<String, String> files) {
        Map<String, String> copy = Map.copyOf(files);
        return name -> Optional.ofNullable(copy.get(name));
    }
}
