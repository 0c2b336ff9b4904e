package io.mlbj.marathon.services;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** Where a task is reached: one IP and its ports in service-port order. */
public record TaskAddress(String ip, List<Integer> ports) {
    public TaskAddress {
        requireNonNull(ip, "ip");
        ports = List.copyOf(ports);
    }
}
