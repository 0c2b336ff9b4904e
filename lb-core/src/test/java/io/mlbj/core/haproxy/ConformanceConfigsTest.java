package io.mlbj.core.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.routing.ConfigWarning;
import io.mlbj.core.routing.RoutingSnapshot;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every marathon-lb conformance config parses and interprets with no unknown or unsupported directive. */
class ConformanceConfigsTest {

    static List<String> cases() {
        return ConformanceCases.NAMES;
    }

    @Test
    void allFiftyCasesArePresent() {
        assertThat(ConformanceCases.NAMES).hasSize(50).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void interpretsWithoutUnknownDirectives(String name) throws ConfigException {
        String text = ConformanceCases.config(name);
        HaproxyConfig parsed = ConfigParser.parse(text, name + ".cfg");
        RoutingSnapshot snapshot = new ConfigInterpreter(ConformanceCases.maps(name), false)
                .interpret(parsed, text);

        List<String> messages = snapshot.warnings().stream().map(ConfigWarning::message).collect(Collectors.toList());
        assertThat(messages).noneMatch(m -> m.startsWith("unknown keyword"))
                .noneMatch(m -> m.contains("not supported"))
                .allMatch(m -> m.contains("HAProxy 1.x syntax") || m.contains("does not exist; using it as empty"));
        // Strict mode accepts them too: nothing is outside the supported subset.
        new ConfigInterpreter(ConformanceCases.maps(name), true).interpret(parsed, text);

        long frontendSections = parsed.sections().stream()
                .filter(s -> s.keyword().equals("frontend") || s.keyword().equals("listen")).count();
        long backendSections = parsed.sections().stream()
                .filter(s -> s.keyword().equals("backend") || s.keyword().equals("listen")).count();
        assertThat(snapshot.frontends()).hasSize((int) frontendSections);
        assertThat(snapshot.backends()).hasSize((int) backendSections);
        assertThat(snapshot.configText()).isEqualTo(text);
        assertThat(snapshot.backend("stats")).isNotNull();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void printsBackToTheSameStructure(String name) throws ConfigException {
        HaproxyConfig parsed = ConfigParser.parse(ConformanceCases.config(name), name + ".cfg");
        HaproxyConfig reparsed = ConfigParser.parse(ConfigPrinter.print(parsed), name + ".cfg");
        assertThat(ConfigShape.of(reparsed)).isEqualTo(ConfigShape.of(parsed));
    }

    @Test
    void mapCasesWithoutRecordedMapsWarnOnce() throws ConfigException {
        RoutingSnapshot s = ConformanceCases.snapshot(ConformanceCases.byNumber(46));
        assertThat(s.warnings()).extracting(ConfigWarning::message)
                .containsExactly("file /etc/haproxy/domain2backend.map does not exist; using it as empty",
                        "file /etc/haproxy/app2backend.map does not exist; using it as empty");
        assertThat(s.warnings().get(0).line()).isPositive();
    }
}
