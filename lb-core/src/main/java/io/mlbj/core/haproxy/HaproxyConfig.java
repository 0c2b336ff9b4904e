package io.mlbj.core.haproxy;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A parsed {@code haproxy.cfg}: its sections in file order, before any interpretation. */
public record HaproxyConfig(List<Section> sections) {
    public HaproxyConfig {
        sections = List.copyOf(requireNonNull(sections, "sections"));
    }
}
