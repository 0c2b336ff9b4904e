package io.mlbj.marathon.services;

import static java.util.Objects.requireNonNull;

/**
 * One label marathon-lb declares: its name ({@code HAPROXY_{n}_VHOST} or {@code HAPROXY_DEPLOYMENT_GROUP}),
 * whether it is per service port, its kind ({@code behaviour}, {@code template_override}, {@code metadata_only})
 * and marathon-lb's description.
 */
public record LabelDefinition(String name, boolean perServicePort, String kind, String description) {
    public LabelDefinition {
        requireNonNull(name, "name");
        requireNonNull(kind, "kind");
        requireNonNull(description, "description");
    }

    /** The name without {@code HAPROXY_{n}_} / {@code HAPROXY_} ({@code VHOST}, {@code DEPLOYMENT_GROUP}). */
    public String shortName() {
        return perServicePort ? name.substring("HAPROXY_{n}_".length()) : name.substring("HAPROXY_".length());
    }

    /** The concrete label of service port {@code n} ({@code HAPROXY_0_VHOST}); app-level names are returned as is. */
    public String forPort(int n) {
        return perServicePort ? "HAPROXY_" + n + "_" + shortName() : name;
    }

    /** True for the 39 labels that replace a template for one service port. */
    public boolean isTemplateOverride() {
        return kind.equals("template_override");
    }
}
