package io.mlbj.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.haproxy.ConfigException;
import io.mlbj.core.haproxy.ConfigInterpreter;
import io.mlbj.core.haproxy.MapFileReader;
import io.mlbj.core.routing.RoutingSnapshot;
import org.junit.jupiter.api.Test;

/** The benchmark's generated config is a valid one: every app gets its frontend, backend and routes. */
class ConfigInterpreterBenchmarkTest {
    @Test
    void generatedConfigInterpretsCleanly() throws ConfigException {
        RoutingSnapshot s = new ConfigInterpreter(MapFileReader.NONE, true)
                .interpret(ConfigInterpreterBenchmark.marathonLbConfig(50), "bench.cfg");
        assertThat(s.warnings()).isEmpty();
        assertThat(s.backends()).hasSize(51);
        assertThat(s.frontends()).hasSize(54);
        assertThat(s.backend("app7_10007").servers()).hasSize(3);
        assertThat(s.frontends().get(1).rules()).hasSize(50);
    }
}
