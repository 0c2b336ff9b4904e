package io.mlbj.marathon.services;

import static java.util.Objects.requireNonNull;

import io.mlbj.marathon.model.MarathonApp;
import java.util.Set;

/** An app after the blue/green merge, with the ids of the tasks that drain (server gets {@code disabled}). */
public record PreparedApp(MarathonApp app, Set<String> drainingTaskIds) {
    public PreparedApp {
        requireNonNull(app, "app");
        drainingTaskIds = Set.copyOf(drainingTaskIds);
    }
}
