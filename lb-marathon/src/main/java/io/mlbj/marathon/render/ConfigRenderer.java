package io.mlbj.marathon.render;

import static java.util.Objects.requireNonNull;

import io.mlbj.marathon.render.RenderState.GroupedVhost;
import io.mlbj.marathon.render.RenderState.Weighted;
import io.mlbj.marathon.services.AppWarning;
import io.mlbj.marathon.services.PythonStrings;
import io.mlbj.marathon.services.Service;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Services to the {@code haproxy.cfg} text marathon-lb writes (its {@code config()}), plus the map files.
 * A service whose templates cannot be filled is left out with a warning; the others still render.
 */
public final class ConfigRenderer {
    /** marathon-lb's service order: {@code (appId, servicePort)}. */
    static final Comparator<Service> SERVICE_ORDER = Comparator.comparing(Service::appId, PythonStrings.ORDER)
            .thenComparingInt(Service::servicePort);

    private static final Comparator<Weighted> HEAVIEST_FIRST = Comparator.comparingInt(Weighted::weight).reversed();

    private final RenderOptions options;
    private final TemplateSet templates;

    /** A renderer for the given options (templates are resolved once, here). */
    public ConfigRenderer(RenderOptions options) {
        this.options = requireNonNull(options, "options");
        this.templates = new TemplateSet(options);
    }

    /** Renders {@code services}; {@code earlierWarnings} (from building the services) are carried into the result. */
    public RenderResult render(List<Service> services, List<AppWarning> earlierWarnings) {
        List<AppWarning> warnings = new ArrayList<>(earlierWarnings);
        RenderState state = new RenderState();
        String head = templates.global("HEAD");
        if (List.of(head.split("\\s+")).contains("daemon") || !head.contains("expose-fd listeners")) {
            warnings.add(new AppWarning("", -1, templates.resolvedGlobal("HEAD").origin(),
                    "custom HEAD contains \"daemon\" or lacks \"stats socket ... expose-fd listeners\" "
                            + "(marathon-lb 1.12+ refuses it); used as given"));
        }
        List<String> certs = options.sslCertList();
        String certText = joinPrefixed("crt ", certs, " ");
        String httpsHead = options.groupHttpsByVhost()
                ? templates.global("HTTPS_GROUPED_FRONTEND_HEAD")
                : global("HTTPS_FRONTEND_HEAD", warnings, "sslCerts", certText);
        state.appidFrontends.append(templates.global("HTTP_FRONTEND_APPID_HEAD"));

        Map<String, List<Service>> byApp = new HashMap<>();
        for (Service s : services) {
            byApp.computeIfAbsent(s.appId(), k -> new ArrayList<>(2)).add(s);
        }
        ServiceRenderer renderer = new ServiceRenderer(templates, options, byApp);
        Set<String> groups = Set.copyOf(options.groups());
        List<Service> sorted = new ArrayList<>(services);
        sorted.sort(SERVICE_ORDER);
        for (Service s : sorted) {
            List<String> serviceGroups = s.haproxyGroups().isEmpty() ? s.groups() : s.haproxyGroups();
            if (!groups.contains("*") && groups.isEmpty() && serviceGroups.isEmpty()) {
                warnings.add(new AppWarning(s.appId(), s.portIndex(), "HAPROXY_GROUP",
                        "no --group given and the app has no group; service port skipped"));
                continue;
            }
            if (!groups.contains("*") && serviceGroups.stream().noneMatch(groups::contains)) {
                continue;
            }
            if (!s.enabled() || s.backends().isEmpty()) {
                continue;
            }
            RenderState.Staged staged = state.stage();
            try {
                renderer.render(s, staged);
                staged.commit();
            } catch (TemplateException e) {
                warnings.add(new AppWarning(s.appId(), s.portIndex(), e.origin(), e.getMessage() + "; service port skipped"));
            }
        }
        return new RenderResult(assemble(state, head, httpsHead, certs, warnings), mapFiles(state), warnings);
    }

    private String assemble(RenderState state, String head, String httpsHead, List<String> certs,
            List<AppWarning> warnings) {
        long size = (long) head.length() + state.userlists.length() + state.appidFrontends.length()
                + state.frontends.length() + state.backends.length() + 4096;
        for (Weighted w : state.httpRules) {
            size += w.text().length();
        }
        for (Weighted w : state.httpsRules) {
            size += w.text().length();
        }
        StringBuilder config = new StringBuilder((int) Math.min(Integer.MAX_VALUE - 16, size));
        config.append(head).append(state.userlists);
        if (options.bindHttpHttps()) {
            config.append(templates.global("HTTP_FRONTEND_HEAD"));
            List<Weighted> http = new ArrayList<>(state.httpRules);
            http.sort(HEAVIEST_FIRST);
            http.forEach(w -> config.append(w.text()));
        }
        config.append(state.appidFrontends);
        if (options.bindHttpHttps()) {
            config.append(httpsHead);
            List<String> vhosts = new ArrayList<>(state.grouped.keySet());
            vhosts.sort(PythonStrings.ORDER);
            if (options.groupHttpsByVhost()) {
                for (String vhost : vhosts) {
                    config.append(global("HTTPS_GROUPED_VHOST_FRONTEND_ACL", warnings,
                            "backend", PythonStrings.sanitize(vhost), "host", vhost));
                }
                for (String vhost : vhosts) {
                    GroupedVhost g = state.grouped.get(vhost);
                    String name = PythonStrings.sanitize(vhost);
                    config.append(global("HTTPS_GROUPED_VHOST_BACKEND_HEAD", warnings, "name", name));
                    // marathon-lb joins Python sets (unordered); sorted here so the output is deterministic
                    List<String> vhostCerts = g.certs.isEmpty() ? new ArrayList<>(new TreeSet<>(certs)) : new ArrayList<>(new TreeSet<>(g.certs));
                    config.append(global("HTTPS_GROUPED_VHOST_FRONTEND_HEAD", warnings, "name", name,
                            "sslCerts", joinPrefixed("crt ", vhostCerts, " "),
                            "bindOpts", joinPrefixed(" ", new ArrayList<>(new TreeSet<>(g.bindOptions)), " ")));
                    List<Weighted> entries = new ArrayList<>(g.entries);
                    entries.sort(HEAVIEST_FIRST);
                    entries.forEach(w -> config.append(w.text()));
                }
            } else {
                List<Weighted> https = new ArrayList<>(state.httpsRules);
                https.sort(HEAVIEST_FIRST);
                https.forEach(w -> config.append(w.text()));
            }
        }
        config.append(state.frontends).append(state.backends);
        return config.toString();
    }

    private Map<String, String> mapFiles(RenderState state) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(RenderResult.DOMAIN_MAP, options.haproxyMap() ? mapText(state.domainMap) : "");
        files.put(RenderResult.APP_MAP, options.haproxyMap() ? mapText(state.appMap) : "");
        return files;
    }

    private static String mapText(List<String[]> entries) {
        StringBuilder out = new StringBuilder();
        for (String[] e : entries) {
            out.append(e[0]).append(' ').append(e[1]).append('\n');
        }
        return out.toString();
    }

    /** Fills a global template; if an override cannot be filled, warns and uses marathon-lb's default. */
    private String global(String name, List<AppWarning> warnings, Object... kv) {
        TemplateSet.Resolved t = templates.resolvedGlobal(name);
        try {
            return Fill.fill(t, kv);
        } catch (TemplateException e) {
            warnings.add(new AppWarning("", -1, e.origin(), e.getMessage() + "; default template used"));
            try {
                return Fill.fill(templates.defaultOf(name), kv);
            } catch (TemplateException impossible) {
                throw new IllegalStateException("default template " + name + " cannot be filled", impossible);
            }
        }
    }

    private static String joinPrefixed(String prefix, List<String> items, String separator) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(separator);
            }
            out.append(prefix).append(items.get(i));
        }
        return out.toString();
    }
}
