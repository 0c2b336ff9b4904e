package io.mlbj.core.haproxy;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.routing.ConfigWarning;
import java.util.List;

/**
 * A config that cannot be used as a whole, with every problem found ({@code file:line: message});
 * the caller keeps serving the previous snapshot.
 */
public final class ConfigException extends Exception {
    private final List<ConfigWarning> problems;

    /** A rejection listing {@code problems} (at least one). */
    public ConfigException(List<ConfigWarning> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem that made the config unusable, in file order. */
    public List<ConfigWarning> problems() {
        return problems;
    }

    private static String summary(List<ConfigWarning> problems) {
        requireNonNull(problems, "problems");
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("problems: empty (expected: at least one)");
        }
        StringBuilder sb = new StringBuilder("invalid config (").append(problems.size()).append(" problem")
                .append(problems.size() == 1 ? "" : "s").append("):");
        for (ConfigWarning p : problems) {
            sb.append("\n  ").append(p);
        }
        return sb.toString();
    }
}
