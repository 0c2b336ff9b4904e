package io.mlbj.marathon.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One port of {@code ipAddress.discovery.ports}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DiscoveryPort(Integer number, String name, String protocol) {}
