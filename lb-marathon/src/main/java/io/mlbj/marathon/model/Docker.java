package io.mlbj.marathon.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** {@code container.docker}: the Marathon 1.4 network mode ({@code BRIDGE}, {@code USER}, {@code HOST}) and port mappings. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Docker(String image, String network, List<PortMapping> portMappings) {
    public Docker {
        portMappings = portMappings == null ? null : List.copyOf(portMappings);
    }
}
