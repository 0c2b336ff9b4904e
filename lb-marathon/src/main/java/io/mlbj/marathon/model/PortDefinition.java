package io.mlbj.marathon.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** An entry of an app's {@code portDefinitions} (host networking service ports). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PortDefinition(Integer port, String name, String protocol) {}
