package io.mlbj.marathon.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A Marathon 1.5+ {@code networks[]} entry ({@code mode} = host, container, container/bridge). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Network(String mode, String name) {}
