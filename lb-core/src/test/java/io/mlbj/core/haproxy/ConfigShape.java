package io.mlbj.core.haproxy;

import java.util.ArrayList;
import java.util.List;

/** The words of a parsed config without line numbers, for comparing a config with its printed form. */
record ConfigShape(List<List<String>> lines) {
    static ConfigShape of(HaproxyConfig config) {
        List<List<String>> out = new ArrayList<>();
        for (Section s : config.sections()) {
            List<String> header = new ArrayList<>(List.of("SECTION", s.keyword()));
            header.addAll(s.args());
            out.add(header);
            for (Directive d : s.directives()) {
                List<String> line = new ArrayList<>(List.of(d.keyword()));
                line.addAll(d.args());
                out.add(line);
            }
        }
        return new ConfigShape(out);
    }
}
