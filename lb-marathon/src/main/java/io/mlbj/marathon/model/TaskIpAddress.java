package io.mlbj.marathon.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** An entry of a task's {@code ipAddresses}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TaskIpAddress(String ipAddress, String protocol) {}
