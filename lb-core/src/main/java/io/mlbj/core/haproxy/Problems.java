package io.mlbj.core.haproxy;

import io.mlbj.core.routing.ConfigWarning;
import java.util.ArrayList;
import java.util.List;

/**
 * The warnings and errors of one interpretation. Unknown or unsupported things are warnings (errors
 * when strict); things that make the config unusable are errors and reject it.
 */
final class Problems {
    final List<ConfigWarning> warnings = new ArrayList<>();
    final List<ConfigWarning> errors = new ArrayList<>();
    private final boolean strict;

    Problems(boolean strict) {
        this.strict = strict;
    }

    /** A directive or option outside the supported subset: ignored with a warning (an error when strict). */
    void unsupported(Directive d, String message) {
        (strict ? errors : warnings).add(new ConfigWarning(d.file(), d.line(), message));
    }

    /** Something accepted with a caveat (deprecated syntax, skipped section); never an error. */
    void warn(String file, int line, String message) {
        warnings.add(new ConfigWarning(file, line, message));
    }

    void warn(Directive d, String message) {
        warn(d.file(), d.line(), message);
    }

    /** Something that makes the config unusable. */
    void error(String file, int line, String message) {
        errors.add(new ConfigWarning(file, line, message));
    }

    void error(Directive d, String message) {
        error(d.file(), d.line(), d.keyword() + ": " + message);
    }
}
