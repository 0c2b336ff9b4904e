package io.mlbj.marathon.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** An app's {@code container}: Docker settings and (Marathon 1.5+) the port mappings. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Container(String type, Docker docker, List<PortMapping> portMappings) {
    public Container {
        portMappings = portMappings == null ? null : List.copyOf(portMappings);
    }
}
