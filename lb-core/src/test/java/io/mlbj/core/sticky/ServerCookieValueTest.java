package io.mlbj.core.sticky;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** marathon-lb's server cookie values (conformance data of marathon-lb v1.15.0, see resources/conformance). */
class ServerCookieValueTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "192_168_30_80_14957,   d1e1b3d058",
        "agent1_1_1_1_1_1024,   d6ad48c81f",
        "10_0_1_147_25724,      f91d2d14a0",
    })
    void firstTenHexDigitsOfSha1(String serverName, String cookie) {
        assertThat(ServerCookieValue.of(serverName)).isEqualTo(cookie);
    }

    @Test
    void everyConformanceExampleMatches() throws IOException {
        String json;
        try (InputStream in = getClass().getResourceAsStream("/conformance/cookie_and_id_examples.json")) {
            assertThat(in).as("conformance/cookie_and_id_examples.json on the test class path").isNotNull();
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // Each example object lists "server_name" before "cookie_value".
        Matcher m = Pattern.compile("\"server_name\":\\s*\"([^\"]+)\",\\s*\"cookie_value\":\\s*\"([0-9a-f]{10})\"")
                .matcher(json);
        List<String> checked = new ArrayList<>();
        while (m.find()) {
            assertThat(ServerCookieValue.of(m.group(1))).as(m.group(1)).isEqualTo(m.group(2));
            checked.add(m.group(1));
        }
        assertThat(checked).hasSize(17);
    }
}
