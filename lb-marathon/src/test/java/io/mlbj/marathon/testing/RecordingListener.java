package io.mlbj.marathon.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlbj.marathon.api.AppsListener;
import io.mlbj.marathon.api.AppsSnapshot;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Keeps every snapshot an apps source emitted. */
public final class RecordingListener implements AppsListener {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<AppsSnapshot> snapshots = new CopyOnWriteArrayList<>();

    @Override
    public void onApps(AppsSnapshot snapshot) {
        snapshots.add(snapshot);
    }

    public List<AppsSnapshot> snapshots() {
        return snapshots;
    }

    public int count() {
        return snapshots.size();
    }

    /** The latest snapshot parsed, or an empty apps document when none arrived yet. */
    public JsonNode latest() {
        if (snapshots.isEmpty()) {
            return JSON.createObjectNode().putArray("apps");
        }
        return parse(snapshots.get(snapshots.size() - 1).json());
    }

    /** Waits until the latest snapshot satisfies {@code condition}. */
    public JsonNode awaitLatest(String what, Predicate<JsonNode> condition) {
        Await.until(what + " (latest: " + (snapshots.isEmpty() ? "none" : snapshots.get(snapshots.size() - 1).json()) + ")",
                () -> !snapshots.isEmpty() && condition.test(latest()));
        return latest();
    }

    /** The app with this id in a snapshot, or a missing node. */
    public static JsonNode app(JsonNode snapshot, String id) {
        for (JsonNode app : snapshot.path("apps")) {
            if (app.path("id").asText().equals(id)) {
                return app;
            }
        }
        return snapshot.path("no such app");
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
