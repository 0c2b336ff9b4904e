package io.mlbj.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/metrics.md lists the series names: each follows Prometheus conventions (the endpoint test checks they exist). */
class MetricsDocTest {

    /** The first column of every table row of docs/metrics.md that starts with a backticked name. */
    static List<String> documentedNames() {
        Path doc = Path.of("..", "docs", "metrics.md");
        List<String> names = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(doc)) {
                if (line.startsWith("| `")) {
                    names.add(line.substring(3, line.indexOf('`', 3)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** The names of the rows whose type column says {@code counter}. */
    static List<String> documentedCounters() {
        List<String> counters = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("..", "docs", "metrics.md"))) {
                String[] cells = line.split("\\|");
                if (line.startsWith("| `") && cells.length > 2 && cells[2].strip().equals("counter")) {
                    counters.add(line.substring(3, line.indexOf('`', 3)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return counters;
    }

    @Test
    void namesFollowPrometheusConventions() {
        List<String> names = documentedNames();
        assertThat(names).hasSizeGreaterThan(20).doesNotHaveDuplicates();
        for (String n : names) {
            assertThat(n).matches("[a-z][a-z0-9_]*");
        }
        for (String counter : documentedCounters()) {
            assertThat(counter).as("counter %s", counter).endsWith("_total");
        }
    }
}
