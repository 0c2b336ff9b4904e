package io.mlbj.marathon.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** An app's {@code versionInfo}; {@code lastScalingAt} is read by the blue/green merge. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VersionInfo(String lastScalingAt, String lastConfigChangeAt) {}
