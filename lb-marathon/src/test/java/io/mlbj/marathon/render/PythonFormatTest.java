package io.mlbj.marathon.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link PythonFormat} behaves as Python's {@code str.format(**kwargs)} on marathon-lb's templates. */
class PythonFormatTest {
    private static final Map<String, Object> KW = kwargs();

    private static Map<String, Object> kwargs() {
        Map<String, Object> m = new HashMap<>();
        m.put("backend", "nginx_10000");
        m.put("port", 1024);
        m.put("none", null);
        m.put("yes", true);
        Map<String, Object> hc = new LinkedHashMap<>();
        hc.put("path", "/");
        hc.put("portIndex", 0);
        m.put("healthCheck", hc);
        m.put("list", List.of("a", 1));
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "'  use_backend {backend}'|'  use_backend nginx_10000'",
            "'if !{{ ssl_fc }} x'|'if !{ ssl_fc } x'",
            "'{{{backend}}}'|'{nginx_10000}'",
            "'{none}/{yes}/{port}'|'None/True/1024'",
            "'{healthCheck}'|'{''path'': ''/'', ''portIndex'': 0}'",
            "'{healthCheck[path]}'|'/'",
            "'{list}'|'[''a'', 1]'",
            "'{backend!r}'|'''nginx_10000'''",
            "'[{port:>6}]'|'[  1024]'",
            "'[{backend:<13}]'|'[nginx_10000  ]'",
            "'no fields'|'no fields'"})
    void formatsLikePython(String template, String expected) throws TemplateException {
        assertThat(PythonFormat.format(template, KW, "t")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "'{missing}'|unknown placeholder {missing}",
            "'{}'|positional",
            "'{0}'|positional",
            "'a } b'|Single '}'",
            "'a { b'|Single '{'",
            "'{backend.upper}'|attribute",
            "'{healthCheck[nope]}'|KeyError",
            "'{port[0]}'|not subscriptable",
            "'{backend!x}'|Unknown conversion",
            "'{port:.2f}'|unsupported format spec"})
    void rejectsWhatPythonRejects(String template, String message) {
        assertThatThrownBy(() -> PythonFormat.format(template, KW, "HAPROXY_0_X"))
                .isInstanceOfSatisfying(TemplateException.class, e -> assertThat(e.origin()).isEqualTo("HAPROXY_0_X"))
                .hasMessageContaining(message);
    }

    @Test
    void reprQuotesLikePython() {
        assertThat(PythonFormat.repr("it's")).isEqualTo("\"it's\"");
        assertThat(PythonFormat.repr("a\nb")).isEqualTo("'a\\nb'");
        assertThat(PythonFormat.str(false)).isEqualTo("False");
    }
}
