package io.mlbj.marathon.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** An entry of {@code container.portMappings} or {@code container.docker.portMappings}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PortMapping(Integer containerPort, Integer hostPort, Integer servicePort, String name, String protocol) {}
