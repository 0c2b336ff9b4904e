package io.mlbj.core.haproxy;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Supplies the text of map and pattern files named in a config ({@code map(/etc/haproxy/x.map)}), so the
 * interpreter stays free of I/O: the daemon passes the renderer's in-memory maps, lb-core reads disk.
 */
@FunctionalInterface
public interface MapFileReader {
    /** A reader that knows no file: every map is missing (a warning, then empty). */
    MapFileReader NONE = path -> Optional.empty();

    /** The file's contents, or empty when it does not exist; IOException for other read failures. */
    Optional<String> read(String path) throws IOException;

    /** A reader over fixed contents by path (e.g. the renderer's {@code domain2backend.map}). */
    static MapFileReader of(Map<String, String> contentsByPath) {
        Map<String, String> copy = Map.copyOf(requireNonNull(contentsByPath, "contentsByPath"));
        return path -> Optional.ofNullable(copy.get(path));
    }

    /** A reader of the local file system, UTF-8. */
    static MapFileReader fromDisk() {
        return path -> {
            try {
                return Optional.of(Files.readString(Path.of(path), StandardCharsets.UTF_8));
            } catch (NoSuchFileException e) {
                return Optional.empty();
            }
        };
    }
}
