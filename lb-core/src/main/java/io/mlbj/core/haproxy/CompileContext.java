package io.mlbj.core.haproxy;

import io.mlbj.core.routing.ConfigWarning;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What compiling one config needs beyond the line at hand: map files, userlists, the usable server
 * count of each backend (filled once every backend is built, read by {@code nbsrv}), and the warnings.
 */
final class CompileContext {
    final MapFiles mapFiles;
    final Map<String, Userlist> userlists;
    final Map<String, Integer> serverCounts = new HashMap<>();
    final List<ConfigWarning> warnings;

    CompileContext(MapFileReader reader, Map<String, Userlist> userlists, List<ConfigWarning> warnings) {
        this.mapFiles = new MapFiles(reader, warnings);
        this.userlists = userlists;
        this.warnings = warnings;
    }
}
