package io.mlbj.marathon.daemon;

import io.mlbj.marathon.render.TemplateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** marathon-lb's {@code templates/HAPROXY_<NAME>} override files, read once at start. */
public final class TemplateFileDirectory {
    private TemplateFileDirectory() {}

    /** The {@code HAPROXY_*} files of {@code dir}; none when the directory does not exist. */
    public static TemplateFiles read(Path dir) {
        if (!Files.isDirectory(dir)) {
            return TemplateFiles.none();
        }
        Map<String, String> files = new HashMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "HAPROXY_*")) {
            for (Path p : entries) {
                if (Files.isRegularFile(p)) {
                    files.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template files in " + dir + ": " + e.getMessage(), e);
        }
        return TemplateFiles.of(files);
    }
}
