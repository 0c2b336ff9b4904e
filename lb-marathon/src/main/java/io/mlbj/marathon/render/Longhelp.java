package io.mlbj.marathon.render;

import io.mlbj.marathon.services.LabelDefinition;
import io.mlbj.marathon.services.LabelTable;
import io.mlbj.marathon.services.PythonStrings;
import java.util.ArrayList;
import java.util.List;

/**
 * The template and label reference {@code --longhelp} prints, in the layout of marathon-lb's
 * {@code ConfigTemplater.get_descriptions()}, and the label table in markdown.
 */
public final class Longhelp {
    private Longhelp() {}

    /** The label table as a markdown table (name, scope, description). */
    public static String labelTable() {
        return LabelTable.standard().markdownTable();
    }

    /** Every template (sorted by name, with its default text), then the labels that are not templates. */
    public static String descriptions(RenderOptions options) {
        TemplateSet defaults = new TemplateSet(RenderOptions.builder(List.of("*"))
                .globalDefaultOptions(options.globalDefaultOptions()).statsPort(options.statsPort())
                .httpPort(options.httpPort()).httpsPort(options.httpsPort()).appidPort(options.appidPort()).build());
        StringBuilder out = new StringBuilder("""
                ## Templates

                The following is a list of the available HAProxy templates.
                Some templates are global-only (such as `HAPROXY_HEAD`), but most may
                be overridden on a per service port basis using the
                `HAPROXY_{n}_...` syntax.

                """);
        List<String> names = new ArrayList<>(DefaultTemplates.shortNames());
        names.sort(PythonStrings.ORDER);
        for (String name : names) {
            DefaultTemplates.Definition d = DefaultTemplates.get(name);
            String spec = "`HAPROXY_" + name + "` template"
                    + (d.overridable() ? " or with label `HAPROXY_{n}_" + name + "`" : "");
            out.append("## `").append(d.fullName()).append("`\n  *")
                    .append(d.overridable() ? "Overridable per app" : "Global").append("*\n\nSpecified as ")
                    .append(spec).append(".\n\n").append(d.description()).append("\n\n**Default template for `")
                    .append(d.fullName()).append("`:**\n```\n").append(defaults.defaultOf(name).text()).append("```\n");
        }
        out.append("## Other Labels\nThese labels may be used to configure other app settings.\n\n");
        for (LabelDefinition l : LabelTable.standard().labels()) {
            if (DefaultTemplates.all().containsKey(l.shortName())) {
                continue;
            }
            String spec = l.shortName().equals("GROUP") ? "`HAPROXY_{n}_GROUP` or `HAPROXY_GROUP`" : "`" + l.name() + "`";
            out.append("## `").append(l.name()).append("`\n  *")
                    .append(l.perServicePort() ? "per service port" : "per app").append("*\n\nSpecified as ")
                    .append(spec).append(".\n\n").append(l.description()).append("\n\n");
        }
        return out.toString();
    }
}
