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
    /** Compiled expressions and anonymous ACLs are pure values: one per distinct text (10,000 backends
     * share one {@code %[dst_port]} and one {@code { ssl_fc }}). */
    final Map<String, SampleExpression> expressions = new HashMap<>();
    final Map<List<String>, io.mlbj.core.routing.RequestCondition> acls = new HashMap<>();

    CompileContext(MapFileReader reader, Map<String, Userlist> userlists, List<ConfigWarning> warnings) {
        this.mapFiles = new MapFiles(reader, warnings);
        this.userlists = userlists;
        this.warnings = warnings;
    }
}
