package io.mlbj.core.haproxy;

import io.mlbj.core.routing.ConfigWarning;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The map and pattern files of one interpretation, each read once through the {@link MapFileReader};
 * a missing or unreadable file is a warning and reads as empty.
 */
final class MapFiles {
    private final MapFileReader reader;
    private final List<ConfigWarning> warnings;
    private final Map<String, Map<String, String>> maps = new HashMap<>();
    private final Map<String, List<String>> patterns = new HashMap<>();

    MapFiles(MapFileReader reader, List<ConfigWarning> warnings) {
        this.reader = reader;
        this.warnings = warnings;
    }

    /** {@code key value} lines of {@code path} (value = rest of the line, trimmed); first key wins. */
    Map<String, String> map(String path, Directive where) {
        return maps.computeIfAbsent(path, p -> {
            Map<String, String> m = new HashMap<>();
            for (String line : lines(p, where)) {
                int sp = indexOfBlank(line);
                String key = sp < 0 ? line : line.substring(0, sp);
                String value = sp < 0 ? "" : line.substring(sp).trim();
                m.putIfAbsent(key, value);
            }
            return Collections.unmodifiableMap(m);
        });
    }

    /** The patterns of an ACL {@code -f} file: one per non-blank, non-comment line. */
    List<String> patterns(String path, Directive where) {
        return patterns.computeIfAbsent(path, p -> List.copyOf(lines(p, where)));
    }

    private List<String> lines(String path, Directive where) {
        Optional<String> text;
        try {
            text = reader.read(path);
        } catch (IOException | RuntimeException e) {
            warnings.add(new ConfigWarning(where.file(), where.line(),
                    "cannot read file " + path + " (" + e.getMessage() + "); using it as empty"));
            return List.of();
        }
        if (text.isEmpty()) {
            warnings.add(new ConfigWarning(where.file(), where.line(),
                    "file " + path + " does not exist; using it as empty"));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String raw : text.get().split("\n", -1)) {
            String line = raw.strip();
            if (!line.isEmpty() && line.charAt(0) != '#') {
                out.add(line);
            }
        }
        return out;
    }

    private static int indexOfBlank(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == ' ' || s.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }
}
