package io.mlbj.marathon.render;

import io.mlbj.marathon.services.Service;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The templates in force for one render, with marathon-lb's precedence: per-port label {@code HAPROXY_{n}_<NAME>}
 * (overridable templates only) &gt; environment variable {@code HAPROXY_<NAME>} &gt; template file &gt; default.
 */
public final class TemplateSet {
    /** Default value of {@code HAPROXY_GLOBAL_DEFAULT_OPTIONS}. */
    public static final String DEFAULT_GLOBAL_OPTIONS = "redispatch,http-server-close,dontlognull";

    /** A template's text and where it came from (label, variable, file or default), for warnings. */
    public record Resolved(String text, String origin) {}

    private final Map<String, Resolved> global = new LinkedHashMap<>();
    private final Map<String, Resolved> defaults = new LinkedHashMap<>();

    /** Resolves every template from the options' environment map, template files, ports and default options. */
    public TemplateSet(RenderOptions options) {
        for (DefaultTemplates.Definition d : DefaultTemplates.all().values()) {
            defaults.put(d.shortName(), new Resolved(defaultText(d, options), d.fullName()));
            String env = options.templateEnv().get(d.fullName());
            if (env != null && !env.isEmpty()) {
                global.put(d.shortName(), new Resolved(env.replace("\\n", "\n"), d.fullName() + " (environment)"));
                continue;
            }
            var file = options.templateFiles().read(d.fullName());
            if (file.isPresent()) {
                global.put(d.shortName(), new Resolved(file.get(), "templates/" + d.fullName()));
                continue;
            }
            global.put(d.shortName(), defaults.get(d.shortName()));
        }
    }

    /** The text of a global (not per-port) use of template {@code shortName}. */
    public String global(String shortName) {
        return resolvedGlobal(shortName).text();
    }

    /** The global template with its origin. */
    public Resolved resolvedGlobal(String shortName) {
        Resolved r = global.get(shortName);
        if (r == null) {
            throw new IllegalArgumentException("template: " + shortName + " (expected a marathon-lb template name)");
        }
        return r;
    }

    /** The default text of {@code shortName} (with the configured ports and default options). */
    public Resolved defaultOf(String shortName) {
        return defaults.get(shortName);
    }

    /**
     * The template {@code shortName} for {@code service}: its per-port label if set (the four {@code MAP_*}
     * templates look up the label of their non-map twin, as marathon-lb does), else the global one.
     */
    public Resolved forService(String shortName, Service service) {
        String labelShort = labelFor(shortName);
        if (labelShort != null) {
            String v = service.templateOverrides().get(labelShort);
            if (v != null) {
                return new Resolved(v, "HAPROXY_" + service.portIndex() + "_" + labelShort);
            }
        }
        return resolvedGlobal(shortName);
    }

    private static String labelFor(String shortName) {
        return switch (shortName) {
            case "MAP_HTTP_FRONTEND_ACL", "MAP_HTTP_FRONTEND_ACL_ONLY", "MAP_HTTP_FRONTEND_APPID_ACL",
                    "MAP_HTTPS_FRONTEND_ACL" -> shortName.substring("MAP_".length());
            // the label of this name is the redirect path itself, so the template cannot be overridden per port
            case "HTTP_BACKEND_REDIR" -> null;
            default -> DefaultTemplates.get(shortName).overridable() ? shortName : null;
        };
    }

    private static String defaultText(DefaultTemplates.Definition d, RenderOptions o) {
        String t = d.defaultText();
        String any = o.bindAddress() == null ? "*" : o.bindAddress();
        String all = o.bindAddress() == null ? "0.0.0.0" : o.bindAddress();
        return switch (d.shortName()) {
            case "HEAD" -> t.replace(DefaultTemplates.DEFAULT_OPTION_LINES, optionLines(o.globalDefaultOptions()))
                    .replace("  bind 0.0.0.0:9090\n", "  bind " + all + ":" + o.statsPort() + "\n");
            case "HTTP_FRONTEND_HEAD" -> t.replace("  bind *:80\n", "  bind " + any + ":" + o.httpPort() + "\n");
            case "HTTP_FRONTEND_APPID_HEAD" -> t.replace("  bind *:9091\n", "  bind " + any + ":" + o.appidPort() + "\n");
            case "HTTPS_FRONTEND_HEAD" -> t.replace("  bind *:443 ", "  bind " + any + ":" + o.httpsPort() + " ");
            case "HTTPS_GROUPED_FRONTEND_HEAD" -> t.replace("  bind *:443\n", "  bind " + any + ":" + o.httpsPort() + "\n");
            default -> t;
        };
    }

    /** One {@code option} line per distinct comma-separated entry (stripped), sorted, as marathon-lb writes them. */
    static String optionLines(String options) {
        TreeSet<String> lines = new TreeSet<>();
        for (String opt : (options == null ? DEFAULT_GLOBAL_OPTIONS : options).split(",", -1)) {
            lines.add("  option            " + opt.strip() + "\n");
        }
        return String.join("", lines);
    }
}
