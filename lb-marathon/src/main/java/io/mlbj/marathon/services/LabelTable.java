package io.mlbj.marathon.services;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlbj.marathon.model.MarathonJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The 64 labels of marathon-lb (from the {@code labels/labels.json} resource), used by the parser and by {@code --longhelp}. */
public final class LabelTable {
    private static final LabelTable DEFAULT = load();

    private final List<LabelDefinition> labels;
    private final List<LabelDefinition> perPortSortedByName;

    private LabelTable(List<LabelDefinition> labels) {
        this.labels = List.copyOf(labels);
        List<LabelDefinition> perPort = new ArrayList<>();
        for (LabelDefinition l : labels) {
            if (l.perServicePort()) {
                perPort.add(l);
            }
        }
        // marathon-lb applies the per-port labels sorted by name; order matters for BACKEND_WEIGHT vs PATH
        perPort.sort(Comparator.comparing(l -> l.name().replace("{n}", "{0}"), PythonStrings.ORDER));
        this.perPortSortedByName = List.copyOf(perPort);
    }

    /** The table shipped with marathon-lb v1.15.0. */
    public static LabelTable standard() {
        return DEFAULT;
    }

    /** All labels in marathon-lb's declaration order. */
    public List<LabelDefinition> labels() {
        return labels;
    }

    /** The per-service-port labels in the order marathon-lb applies them. */
    public List<LabelDefinition> perPortInApplicationOrder() {
        return perPortSortedByName;
    }

    /** The labels as a markdown table (name, scope, description), the form {@code --longhelp} prints. */
    public String markdownTable() {
        StringBuilder out = new StringBuilder();
        out.append("| Label | Scope | Description |\n| --- | --- | --- |\n");
        for (LabelDefinition l : labels) {
            String spec = l.shortName().equals("GROUP") ? "`" + l.name() + "` or `HAPROXY_GROUP`" : "`" + l.name() + "`";
            String desc = l.description().strip().replace("|", "\\|").replace("\n\n", "<br><br>").replace('\n', ' ');
            out.append("| ").append(spec).append(" | ")
                    .append(l.perServicePort() ? "per service port" : "per app").append(" | ")
                    .append(desc).append(" |\n");
        }
        return out.toString();
    }

    private static LabelTable load() {
        try (InputStream in = LabelTable.class.getResourceAsStream("/labels/labels.json")) {
            if (in == null) {
                throw new IllegalStateException("resource /labels/labels.json is missing");
            }
            JsonNode root = MarathonJson.mapper().readTree(in);
            List<LabelDefinition> out = new ArrayList<>();
            for (JsonNode l : root.get("labels")) {
                out.add(new LabelDefinition(l.get("label").asText(), l.get("per_service_port").asBoolean(),
                        l.get("kind").asText(), l.get("description").asText()));
            }
            return new LabelTable(out);
        } catch (IOException e) {
            throw new UncheckedIOException("reading /labels/labels.json", e);
        }
    }
}
