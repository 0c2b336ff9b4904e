package io.mlbj.core.haproxy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the {@code global} section (TLS defaults, spread-checks, maxconn; the rest has no effect here) and the {@code userlist}s. */
final class GlobalDirectives {
    private static final Set<String> SILENT = Set.of("log", "lua-load", "max-spread-checks",
            "daemon", "nbproc", "nbthread", "pidfile", "user", "group", "uid", "gid", "chroot",
            "ca-base", "crt-base", "hard-stop-after", "description", "node", "master-worker", "quiet",
            "server-state-file", "server-state-base", "ulimit-n", "cpu-map", "stats", "log-send-hostname",
            "log-tag", "unix-bind", "localpeer", "maxsslconn", "maxsslrate", "maxconnrate", "maxsessrate",
            "maxcompcpuusage", "maxcomprate", "maxpipes", "maxzlibmem", "noepoll", "nopoll", "nosplice",
            "nogetaddrinfo", "noreuseport", "busy-polling", "debug", "set-dumpable", "strict-limits",
            "profiling.tasks", "h1-case-adjust", "h1-case-adjust-file", "insecure-fork-wanted",
            "insecure-setuid-wanted", "expose-experimental-directives", "external-check", "grace",
            "log-format", "setenv", "presetenv", "unsetenv", "resetenv", "numa-cpu-mapping", "anonkey");

    private GlobalDirectives() {}

    static GlobalSettings read(HaproxyConfig config, Problems problems) {
        String ciphers = null;
        List<String> options = List.of();
        int spreadChecks = 0;
        int maxConnections = 0;
        for (Section s : config.sections()) {
            if (!s.keyword().equals("global")) {
                continue;
            }
            for (Directive d : s.directives()) {
                String k = d.keyword();
                if (k.equals("ssl-default-bind-ciphers")) {
                    ciphers = d.arg(0);
                } else if (k.equals("ssl-default-bind-options")) {
                    options = d.args();
                } else if (k.equals("spread-checks")) {
                    try {
                        spreadChecks = Durations.integer(String.valueOf(d.arg(0)), 0, 50, "percent");
                    } catch (CompileError e) {
                        problems.error(d, e.getMessage());
                    }
                } else if (k.equals("maxconn")) {
                    try {
                        maxConnections = Durations.integer(String.valueOf(d.arg(0)), 0, Integer.MAX_VALUE, "maxconn");
                    } catch (CompileError e) {
                        problems.error(d, e.getMessage());
                    }
                } else if (!SILENT.contains(k) && !k.startsWith("tune.") && !k.startsWith("ssl-")
                        && !k.startsWith("lua-")) {
                    problems.unsupported(d, "unknown keyword '" + k + "' in global section");
                }
            }
        }
        return new GlobalSettings(ciphers, options, spreadChecks, maxConnections);
    }

    /** Every {@code userlist} by name: {@code user NAME password HASH|insecure-password PW [groups G]}. */
    static Map<String, Userlist> userlists(HaproxyConfig config, Problems problems) {
        Map<String, Userlist> out = new HashMap<>();
        for (Section s : config.sections()) {
            if (!s.keyword().equals("userlist")) {
                continue;
            }
            Map<String, Userlist.Password> users = new HashMap<>();
            for (Directive d : s.directives()) {
                if (d.keyword().equals("group")) {
                    continue;
                }
                if (!d.keyword().equals("user")) {
                    problems.unsupported(d, "unknown keyword '" + d.keyword() + "' in userlist section");
                    continue;
                }
                String kind = d.arg(1);
                if (d.args().size() < 3 || !("password".equals(kind) || "insecure-password".equals(kind))) {
                    problems.error(d, "expected 'user NAME password HASH' or 'user NAME insecure-password PW'");
                    continue;
                }
                users.put(d.arg(0), new Userlist.Password(d.arg(2), kind.equals("insecure-password")));
            }
            if (out.put(s.name(), new Userlist(s.name(), users)) != null) {
                problems.error(s.file(), s.line(), "userlist '" + s.name() + "' is defined twice");
            }
        }
        return out;
    }
}
