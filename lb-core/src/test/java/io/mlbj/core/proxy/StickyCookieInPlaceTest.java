package io.mlbj.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.LbServer;
import io.mlbj.core.LbServerOptions;
import io.mlbj.core.routing.RoutingTable;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Cookie headers a persistence cookie edits stay where the client put them, as HAProxy edits a header in
 * place: a raw request through a real proxy to a backend that records the bytes it received.
 */
class StickyCookieInPlaceTest {
    private RecordingBackend backend;
    private LbServer lb;

    @BeforeEach
    void startBackend() {
        backend = new RecordingBackend();
    }

    @AfterEach
    void stop() {
        if (lb != null) {
            lb.close(Duration.ofSeconds(1));
        }
        backend.close();
    }

    private int start(String cookieLine) throws Exception {
        String text = """
                defaults
                  mode http
                  timeout connect 3s
                  timeout client 30s
                  timeout server 30s
                frontend sticky_in
                  bind 127.0.0.1:0
                  default_backend app
                backend app
                  %s
                  server s1 127.0.0.1:%d cookie d1e1b3d058
                """.formatted(cookieLine, backend.port());
        lb = new LbServer(new RoutingTable(StickyConfig.snapshot(text)), LbServerOptions.defaults().withIoThreads(1))
                .start();
        return lb.boundAddress(StickyConfig.BIND).getPort();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            cookie JSESSIONID prefix nocache      | JSESSIONID=d1e1b3d058~A1B2; theme=dark | lang=en | cookie: JSESSIONID=A1B2; theme=dark\\r\\nX-Between: 1\\r\\nCookie: lang=en\\r\\n
            cookie JSESSIONID prefix nocache      | theme=dark                              | JSESSIONID=d1e1b3d058~A1B2 | Cookie: theme=dark\\r\\nX-Between: 1\\r\\ncookie: JSESSIONID=A1B2\\r\\n
            cookie SERVERID insert indirect nocache | SERVERID=d1e1b3d058                   | lang=en | X-Between: 1\\r\\nCookie: lang=en\\r\\n
            cookie SERVERID insert indirect nocache | theme=dark; SERVERID=d1e1b3d058       | SERVERID=d1e1b3d058 | cookie: theme=dark\\r\\nX-Between: 1\\r\\n
            """)
    void editedCookieHeadersKeepTheirPlace(String cookieLine, String firstCookie, String secondCookie, String expected)
            throws Exception {
        int port = start(cookieLine);
        try (RawHttp client = new RawHttp(port)) {
            client.send("GET /app HTTP/1.1\r\nHost: x\r\nCookie: " + firstCookie + "\r\nX-Between: 1\r\nCookie: "
                    + secondCookie + "\r\nX-Last: 2\r\n\r\n");
            assertThat(client.read(false).status()).isEqualTo(200);
        }
        String received = backend.rawReceived();
        String fields = received.substring(received.indexOf("Host: x\r\n") + "Host: x\r\n".length(),
                received.indexOf("X-Last: 2\r\n"));
        assertThat(fields).isEqualTo(expected.replace("\\r\\n", "\r\n"));
    }
}
