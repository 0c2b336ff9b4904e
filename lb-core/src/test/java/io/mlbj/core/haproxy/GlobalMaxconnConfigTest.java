package io.mlbj.core.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlbj.core.routing.RoutingSnapshot;
import org.junit.jupiter.api.Test;

/** {@code global maxconn} reaches the snapshot; a bad value names the file and line. */
class GlobalMaxconnConfigTest {
    private static final String REST = "frontend web\n  bind 127.0.0.1:0\n  mode http\n  default_backend b\n"
            + "backend b\n  mode http\n";

    private static RoutingSnapshot interpret(String text) throws ConfigException {
        return new ConfigInterpreter(MapFileReader.NONE, true).interpret(text, "haproxy.cfg");
    }

    @Test
    void marathonLbsGlobalMaxconnIsKept() throws Exception {
        assertThat(interpret("global\n  maxconn 50000\n" + REST).maxConnections()).isEqualTo(50_000);
    }

    @Test
    void notSetIsZero() throws Exception {
        assertThat(interpret("global\n  daemon\n" + REST).maxConnections()).isZero();
    }

    @Test
    void aBadValueNamesFileAndLine() {
        assertThatThrownBy(() -> interpret("global\n  maxconn lots\n" + REST))
                .isInstanceOf(ConfigException.class).hasMessageContaining("haproxy.cfg:2")
                .hasMessageContaining("maxconn");
    }

    @Test
    void theFrontendLimitIsNotTheGlobalOne() throws Exception {
        RoutingSnapshot s = interpret("global\n  maxconn 7\ndefaults\n  maxconn 5\n" + REST);
        assertThat(s.maxConnections()).isEqualTo(7);
        assertThat(s.frontends().get(0).maxConnections()).isEqualTo(5);
    }
}
