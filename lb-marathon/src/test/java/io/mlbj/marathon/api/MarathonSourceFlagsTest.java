package io.mlbj.marathon.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlbj.marathon.emulator.MarathonEmulator;
import io.mlbj.marathon.testing.RecordingListener;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarathonSourceFlagsTest {

    private static MarathonSourceFlags flags(String url, Optional<Path> credentialFile, Optional<Path> appsFile) {
        return new MarathonSourceFlags(List.of(URI.create(url)), true, Duration.ofSeconds(60), Duration.ofSeconds(300),
                credentialFile, Optional.empty(), Optional.empty(), appsFile);
    }

    @Test
    void theAppsFileWinsOverMarathon(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("apps.json"), "{\"apps\": []}");
        try (AppsSource source = flags("http://127.0.0.1:1", Optional.empty(), Optional.of(file)).open(Clock.systemUTC())) {
            assertThat(source).isInstanceOf(AppsFileSource.class);
        }
    }

    @Test
    void buildsAnAuthenticatedMarathonSource(@TempDir Path dir) throws Exception {
        Path credentials = Files.writeString(dir.resolve("cred"), "ops:pw\n");
        try (MarathonEmulator emulator = new MarathonEmulator(MarathonEmulator.Options.defaults().withBasicAuth("ops:pw"))) {
            emulator.start();
            emulator.createApp("{\"id\":\"/web\"}");
            RecordingListener listener = new RecordingListener();
            try (AppsSource source = flags(emulator.url(), Optional.of(credentials), Optional.empty()).open(Clock.systemUTC())) {
                source.start(listener);
                listener.awaitLatest("apps", s -> !RecordingListener.app(s, "/web").isMissingNode());
            }
        }
    }

    @Test
    void badFlagValuesFailWithTheirName(@TempDir Path dir) {
        assertThatThrownBy(() -> flags("ftp://x", Optional.empty(), Optional.empty()).open(Clock.systemUTC()))
                .hasMessageStartingWith("--marathon: ftp://x");
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> flags("http://x:8080", Optional.of(missing), Optional.empty()).open(Clock.systemUTC()))
                .hasMessageStartingWith(missing.toString());
    }
}
