package io.mlbj.marathon.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarathonCredentialsTest {

    @Test
    void buildsTheBasicHeader() {
        assertThat(MarathonCredentials.parse("aladdin:open sesame", "x").basicHeader())
                .isEqualTo("Basic YWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    }

    @Test
    void passwordMayContainColons() {
        assertThat(MarathonCredentials.parse("u:p:q", "x")).isEqualTo(new MarathonCredentials("u", "p:q"));
    }

    @Test
    void theFileWinsOverTheInlineValue(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cred");
        Files.writeString(file, "fileuser:filepass\nignored\n");
        assertThat(MarathonCredentials.resolve(file, "inline:pw")).contains(new MarathonCredentials("fileuser", "filepass"));
        assertThat(MarathonCredentials.resolve(null, "inline:pw")).contains(new MarathonCredentials("inline", "pw"));
        assertThat(MarathonCredentials.resolve(null, null)).isEmpty();
    }

    @Test
    void errorsNameTheFileAndLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cred");
        Files.writeString(file, "nocolon\n");
        assertThatThrownBy(() -> MarathonCredentials.fromFile(file)).hasMessageStartingWith(file + ":1:");
        assertThatThrownBy(() -> MarathonCredentials.fromFile(dir.resolve("missing")))
                .hasMessageContaining("cannot read credential file");
    }

    @Test
    void toStringHidesThePassword() {
        assertThat(new MarathonCredentials("u", "secret").toString()).doesNotContain("secret");
    }
}
