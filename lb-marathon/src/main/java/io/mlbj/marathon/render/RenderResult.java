package io.mlbj.marathon.render;

import static java.util.Objects.requireNonNull;

import io.mlbj.marathon.services.AppWarning;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A generated config: the {@code haproxy.cfg} text, the map files by name ({@code domain2backend.map},
 * {@code app2backend.map}; empty without {@code --haproxy-map}, as marathon-lb truncates them), and the
 * warnings of the apps or ports that were skipped.
 */
public record RenderResult(String config, Map<String, String> mapFiles, List<AppWarning> warnings) {
    /** Name of the vhost map file. */
    public static final String DOMAIN_MAP = "domain2backend.map";
    /** Name of the app-id map file. */
    public static final String APP_MAP = "app2backend.map";

    public RenderResult {
        requireNonNull(config, "config");
        mapFiles = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(mapFiles, "mapFiles")));
        warnings = List.copyOf(warnings);
    }

    /** The content of {@code domain2backend.map}. */
    public String domainMap() {
        return mapFiles.getOrDefault(DOMAIN_MAP, "");
    }

    /** The content of {@code app2backend.map}. */
    public String appMap() {
        return mapFiles.getOrDefault(APP_MAP, "");
    }
}
