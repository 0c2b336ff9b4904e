package io.mlbj.marathon.api;

import static io.mlbj.marathon.testing.RecordingListener.app;
import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.marathon.testing.Await;
import io.mlbj.marathon.testing.RecordingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppsFileSourceTest {
    @TempDir
    Path dir;

    private final RecordingListener listener = new RecordingListener();
    private AppsFileSource source;

    @AfterEach
    void stop() {
        if (source != null) {
            source.stop();
        }
    }

    private static String apps(String... ids) {
        StringBuilder json = new StringBuilder("{\"apps\": [");
        for (int i = 0; i < ids.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\": \"").append(ids[i]).append("\", \"tasks\": []}");
        }
        return json.append("]}\n").toString();
    }

    private AppsFileSource start(Path file) {
        source = new AppsFileSource(file, Duration.ofMillis(50), Clock.systemUTC());
        source.start(listener);
        return source;
    }

    @Test
    void picksUpEditsInPlaceAndReplacementsByRename() throws Exception {
        Path file = Files.writeString(dir.resolve("apps.json"), apps("/one"));
        start(file);
        listener.awaitLatest("initial file", s -> !app(s, "/one").isMissingNode());
        assertThat(listener.snapshots().get(0).sourceUrl()).isEqualTo(file.toUri().toString());

        Files.writeString(file, apps("/one", "/two-edited-in-place"));
        listener.awaitLatest("edit in place", s -> !app(s, "/two-edited-in-place").isMissingNode());

        Path staging = Files.writeString(dir.resolve(".apps.json.tmp"), apps("/three-renamed"));
        Files.move(staging, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        listener.awaitLatest("rename replace", s -> !app(s, "/three-renamed").isMissingNode()
                && app(s, "/one").isMissingNode());
        assertThat(source.status().fetches()).isEqualTo(listener.count());
    }

    @Test
    void sameSizeEditIsSeen() throws Exception {
        Path file = Files.writeString(dir.resolve("apps.json"), apps("/aaa"));
        start(file);
        listener.awaitLatest("initial", s -> !app(s, "/aaa").isMissingNode());
        Files.writeString(file, apps("/bbb"));
        listener.awaitLatest("same-size edit", s -> !app(s, "/bbb").isMissingNode());
    }

    @Test
    void invalidOrMissingFilesAreReportedWithFileAndLine() throws Exception {
        Path file = Files.writeString(dir.resolve("apps.json"), apps("/good"));
        start(file);
        listener.awaitLatest("initial", s -> !app(s, "/good").isMissingNode());

        Files.writeString(file, "{\"apps\": [\n  {\"id\": \"/x\",,}\n]}");
        Await.until("syntax error reported", () -> source.status().lastError().orElse("").startsWith(file + ":2:"));

        Files.writeString(file, "{\"items\": []}");
        Await.until("missing apps reported", () -> source.status().lastError().orElse("").contains("no \"apps\" array"));

        Files.delete(file);
        Await.until("missing file reported", () -> source.status().lastError().orElse("").contains("does not exist"));
        assertThat(listener.count()).isEqualTo(1);

        Files.writeString(file, apps("/good"));
        Await.until("the same file back is emitted again", () -> listener.count() == 2);
        assertThat(source.status().lastSuccess()).isPresent();
    }

    @Test
    void aResyncReEmitsTheUnchangedFile() throws Exception {
        Path file = Files.writeString(dir.resolve("apps.json"), apps("/one"));
        start(file);
        Await.until("initial", () -> listener.count() == 1);
        source.requestResync();
        Await.until("re-emitted", () -> listener.count() == 2);
        assertThat(listener.snapshots().get(1).json()).isEqualTo(listener.snapshots().get(0).json());
    }
}
