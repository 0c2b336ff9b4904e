package io.mlbj.marathon.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** {@code ipAddress.discovery}: the ports an IP-per-task app exposes. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Discovery(List<DiscoveryPort> ports) {
    public Discovery {
        ports = ports == null ? null : List.copyOf(ports);
    }
}
