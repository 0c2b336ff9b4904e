package io.mlbj.core.haproxy;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.BindAddress;
import io.mlbj.core.routing.ConfigWarning;
import io.mlbj.core.routing.Frontend;
import io.mlbj.core.routing.RoutingSnapshot;
import io.mlbj.core.routing.Server;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns HAProxy config text into a {@link RoutingSnapshot}: the supported subset is interpreted, the
 * rest is listed as warnings ({@code file:line}), and a config that cannot be served is rejected as a
 * whole with every problem. Pure: files named in the config are read only through the
 * {@link MapFileReader}.
 */
public final class ConfigInterpreter {
    private static final Set<String> SKIPPED_SECTIONS = Set.of("peers", "resolvers", "cache", "program",
            "mailers", "http-errors", "ring", "fcgi-app");

    private final MapFileReader mapFiles;
    private final boolean strict;

    /**
     * An interpreter reading map files through {@code mapFiles}.
     *
     * @param strict when true, unsupported directives and options reject the config instead of warning
     */
    public ConfigInterpreter(MapFileReader mapFiles, boolean strict) {
        this.mapFiles = requireNonNull(mapFiles, "mapFiles");
        this.strict = strict;
    }

    /** Parses and interprets {@code text}; {@code file} names it in warnings and errors. */
    public RoutingSnapshot interpret(String text, String file) throws ConfigException {
        return interpret(ConfigParser.parse(text, file), text);
    }

    /**
     * Interprets a parsed config; {@code text} is kept in the snapshot for {@code /_haproxy_getconfig}.
     *
     * @throws ConfigException with every problem when the config cannot be served
     */
    public RoutingSnapshot interpret(HaproxyConfig config, String text) throws ConfigException {
        requireNonNull(config, "config");
        requireNonNull(text, "text");
        Problems problems = new Problems(strict);
        GlobalSettings global = GlobalDirectives.read(config, problems);
        Map<String, Userlist> userlists = GlobalDirectives.userlists(config, problems);
        CompileContext ctx = new CompileContext(mapFiles, userlists, problems.warnings);

        List<Frontend> frontends = new ArrayList<>();
        Map<String, Backend> backends = new LinkedHashMap<>();
        List<Map.Entry<Directive, String>> references = new ArrayList<>();
        Map<String, Section> frontendNames = new HashMap<>();
        Map<Frontend, Section> sectionOf = new java.util.IdentityHashMap<>();
        ProxySettings defaults = new ProxySettings();
        for (Section section : config.sections()) {
            switch (section.keyword()) {
                case "global", "userlist" -> { }
                case "defaults" -> defaults = readDefaults(section, problems);
                case "frontend", "backend", "listen" -> {
                    if (section.name().isEmpty()) {
                        problems.error(section.file(), section.line(), section.keyword() + " needs a name");
                        continue;
                    }
                    ProxyInterpreter.Result r =
                            ProxyInterpreter.interpret(section, defaults, global, ctx, problems);
                    if (!section.keyword().equals("backend")
                            && frontendNames.putIfAbsent(section.name(), section) != null) {
                        problems.error(section.file(), section.line(), "frontend name '" + section.name()
                                + "' already used at " + frontendNames.get(section.name()).location());
                    }
                    if (r.backend() != null && backends.putIfAbsent(r.backend().name(), r.backend()) != null) {
                        problems.error(section.file(), section.line(),
                                "backend name '" + section.name() + "' is used twice");
                    }
                    frontends.addAll(r.frontends());
                    r.frontends().forEach(f -> sectionOf.put(f, section));
                    references.addAll(r.backendReferences());
                }
                default -> {
                    if (SKIPPED_SECTIONS.contains(section.keyword())) {
                        problems.warn(section.file(), section.line(), "section '" + section.keyword() + " "
                                + section.name() + "' is not supported; its contents are skipped");
                    }
                }
            }
        }
        for (Map.Entry<Directive, String> ref : references) {
            if (!backends.containsKey(ref.getValue())) {
                problems.error(ref.getKey(), "no backend named '" + ref.getValue() + "'");
            }
        }
        checkBinds(frontends, sectionOf, problems);
        for (Backend b : backends.values()) {
            int usable = 0;
            for (Server s : b.servers()) {
                usable += s.disabled() ? 0 : 1;
            }
            ctx.serverCounts.put(b.name(), usable);
        }
        if (!problems.errors.isEmpty()) {
            List<ConfigWarning> all = new ArrayList<>(problems.errors);
            all.sort(Comparator.comparing(ConfigWarning::file).thenComparingInt(ConfigWarning::line));
            throw new ConfigException(all);
        }
        return new RoutingSnapshot(frontends, backends, text, problems.warnings, global.maxConnections());
    }

    private static ProxySettings readDefaults(Section section, Problems problems) {
        ProxySettings s = new ProxySettings();
        for (Directive d : section.directives()) {
            if (SettingsDirectives.KEYWORDS.contains(d.keyword())) {
                SettingsDirectives.apply(d, s, problems);
            } else if (!ProxyInterpreter.SILENT.contains(d.keyword())) {
                problems.unsupported(d, "unknown keyword '" + d.keyword() + "' in defaults section");
            }
        }
        return s;
    }

    /** Same address and port in two frontends: allowed only with the same mode and the same TLS setting. */
    private static void checkBinds(List<Frontend> frontends, Map<Frontend, Section> sectionOf, Problems problems) {
        Map<BindAddress, Frontend> seen = new HashMap<>();
        for (Frontend f : frontends) {
            for (BindAddress a : f.binds()) {
                if (a.port() == 0 && !a.host().startsWith("abns@")) {
                    continue; // each port-0 bind gets its own OS-chosen port
                }
                Frontend other = seen.putIfAbsent(a, f);
                if (other == null || other == f) {
                    continue;
                }
                boolean sameTls = (other.tls() == null) == (f.tls() == null);
                if (other.mode() != f.mode() || !sameTls) {
                    Section at = sectionOf.get(f);
                    problems.error(at.file(), at.line(), "bind " + a.host() + ":" + a.port() + " of frontend " + f.name()
                            + " conflicts with frontend " + other.name() + " (" + describe(other) + " vs "
                            + describe(f) + ")");
                }
            }
        }
    }

    private static String describe(Frontend f) {
        return f.mode().name().toLowerCase(java.util.Locale.ROOT) + (f.tls() == null ? "" : " ssl");
    }
}
